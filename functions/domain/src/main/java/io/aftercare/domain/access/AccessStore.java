package io.aftercare.domain.access;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Role;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port: members, sign-in links, sessions, rate counters and API tokens. */
public interface AccessStore {

    /** @param memberId the hash of the member's address ({@link Member#id()}) */
    Optional<Member> member(ShopId shop, String memberId);

    List<Member> members(ShopId shop);

    /** Every shop the person belongs to. */
    List<Member> memberships(EmailAddress email);

    /** @throws io.aftercare.domain.AlreadyExists when {@code mustBeNew} and the person is a member already */
    void putMember(Member member, boolean mustBeNew);

    /**
     * Gives the member their new role, only if they still hold {@code from} and, when given, the member
     * {@code ownerRemaining} still is an owner: one transaction, so two owners demoting each other cannot both succeed.
     * @return whether it was written
     */
    boolean changeRole(Member changed, Role from, Optional<String> ownerRemaining);

    /** Removes the member, only if they are there and, when given, {@code ownerRemaining} still is an owner: @return whether it was removed */
    boolean removeMember(ShopId shop, String memberId, Optional<String> ownerRemaining);

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

    Optional<SecondFactor> secondFactor(EmailAddress email);

    /** A new enrolment, replacing one never confirmed; @return false when a confirmed one exists */
    boolean enrol(EmailAddress email, byte[] secret);

    /** Confirms the enrolment with its first code's step and the recovery codes' hashes. */
    void confirm(EmailAddress email, long step, Set<String> recoveryHashes);

    /** Records a code's step as used, only if it is later than the last one used: @return whether it was */
    boolean useStep(EmailAddress email, long step);

    /** Removes one unused recovery code: @return whether it was there */
    boolean useRecoveryCode(EmailAddress email, String hash);

    /** The session has given its second factor. */
    void secondFactorGiven(String sessionHash);

    boolean requiresSecondFactor(ShopId shop);

    void requireSecondFactor(ShopId shop, boolean required);

    /** An entry on the shop's own timeline (its audit trail). */
    void audit(ShopId shop, TimelineEntry entry);
}
