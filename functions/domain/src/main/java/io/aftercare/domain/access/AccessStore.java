package io.aftercare.domain.access;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: members, sign-in links, sessions, rate counters and API tokens. */
public interface AccessStore {

    /** @param memberId the hash of the member's address ({@link Member#id()}) */
    Optional<Member> member(ShopId shop, String memberId);

    List<Member> members(ShopId shop);

    /** Every shop the person belongs to. */
    List<Member> memberships(EmailAddress email);

    /** @throws io.aftercare.domain.AlreadyExists when {@code mustBeNew} and the person is a member already */
    void putMember(Member member, boolean mustBeNew);

    /** @return whether there was such a member */
    boolean removeMember(ShopId shop, String memberId);

    void putLink(String hash, EmailAddress email, Instant expiresAt);

    /** Deletes the link and answers its address, only if it existed and had not expired: a link opens one session. */
    Optional<EmailAddress> consumeLink(String hash, Instant now);

    void putSession(Session session);

    Optional<Session> session(String hash);

    void deleteSession(String hash);

    /** Adds one to a counter that lives until {@code expiresAt}, answering its new value. */
    long count(String counter, Instant expiresAt);

    void putToken(ApiToken token);

    Optional<ApiToken> token(ShopId shop, String id);

    List<ApiToken> tokens(ShopId shop);

    /** @return whether there was such a token */
    boolean deleteToken(ShopId shop, String id);

    void tokenUsed(ShopId shop, String id, Instant at);

    /** An entry on the shop's own timeline (its audit trail). */
    void audit(ShopId shop, TimelineEntry entry);
}
