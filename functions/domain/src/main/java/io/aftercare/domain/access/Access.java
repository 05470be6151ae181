package io.aftercare.domain.access;

import io.aftercare.domain.AlreadyExists;
import io.aftercare.domain.Conflict;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.NotFound;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.replies.SavedReply;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Role;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Who may do what: members and their roles, passwordless sign-in (emailed single-use links, sessions stored by hash),
 * API tokens, and the audit trail of each change on the shop's timeline. Every check reads the store: removing a
 * member or signing out takes effect on the next request.
 */
public final class Access {

    public static final Duration LINK_VALID = Duration.ofMinutes(15);
    public static final Duration SESSION_VALID = Duration.ofHours(12);
    /**
     * Link requests per window: per address and client (one client does not flood a mailbox, and nobody's requests but
     * the member's own use up the member's), and per client address (no one probes many).
     */
    public static final Duration RATE_WINDOW = Duration.ofMinutes(15);
    public static final int LINKS_PER_ADDRESS = 5;
    public static final int LINKS_PER_CLIENT = 30;
    private static final String TOKEN_PREFIX = "aft_";
    /** A member write is conditioned on what was read; concurrent member changes seldom collide more often than this. */
    private static final int MEMBER_WRITE_ATTEMPTS = 3;
    /** Orders the audit entries this process writes within one millisecond ({@link #stamped}). */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** A session just opened: the id goes in the cookie, the CSRF token to the page; neither is stored. */
    public record Opened(String sessionId, Session session) {
    }

    /** A token just created: the secret is shown this once. */
    public record Created(ApiToken token, String secret) {
    }

    /** Second-factor attempts per person per rate window: six digits are not guessed in ten tries. */
    public static final int CODE_ATTEMPTS = 10;
    public static final int RECOVERY_CODES = 10;
    private static final long STEP_SECONDS = 30;

    /** A TOTP enrolment to show once: the secret for the authenticator app and the same as an {@code otpauth:} URI. */
    public record Enrolment(String secret, String uri) {
    }

    private final AccessStore store;
    private final SignInMailer mailer;
    private final OneTimeCodes codes;
    private final Clock clock;

    public Access(AccessStore store, SignInMailer mailer, OneTimeCodes codes, Clock clock) {
        this.store = store;
        this.mailer = mailer;
        this.codes = codes;
        this.clock = clock;
    }

    /**
     * Emails a sign-in link under {@code base} when the address belongs to a member of some shop, and answers the same
     * either way; too many requests from the client are refused before anything else, and past the limit for this
     * address from this client nothing is sent, with the same answer (it never differs by address).
     */
    public void requestLink(EmailAddress email, String client, URI base) {
        Instant now = clock.instant();
        String clientHash = Credentials.hash(client);
        if (over("client#" + clientHash, LINKS_PER_CLIENT)) {
            throw AccessDenied.tooMany("Too many sign-in links asked for; try again in " + RATE_WINDOW.toMinutes() + " minutes.");
        }
        if (over("address#" + email.hash() + "#" + clientHash, LINKS_PER_ADDRESS)) {
            return;
        }
        List<Member> memberships = store.memberships(email);
        if (memberships.isEmpty()) {
            return;
        }
        String token = Credentials.random();
        store.putLink(Credentials.hash(token), email, now.plus(LINK_VALID));
        // appended, not resolved: the base may end in an API Gateway stage ("/prod")
        mailer.send(memberships.getFirst(), URI.create(base.toString().replaceAll("/+$", "") + "/auth/link/" + token), LINK_VALID);
    }

    /** Consumes the link (once, within its 15 minutes) and opens a session, recorded on each of the person's shops. */
    public Opened openSession(String linkToken) {
        Instant now = clock.instant();
        EmailAddress email = store.consumeLink(Credentials.hash(linkToken), now)
                .orElseThrow(() -> AccessDenied.unauthenticated("This sign-in link is used, expired or unknown; ask for a new one."));
        String id = Credentials.random();
        var session = new Session(Credentials.hash(id), email, Credentials.random(), now.plus(SESSION_VALID), false);
        store.putSession(session);
        for (Member membership : store.memberships(email)) {
            audit(membership.shop(), stamped("signed-in"), EntryKind.SIGNED_IN,
                    EntryText.of(Phrase.SIGNED_IN).text("who", email.masked()));
        }
        return new Opened(id, session);
    }

    /** The live session a cookie names, if any. */
    public Optional<Session> session(String sessionId) {
        return store.session(Credentials.hash(sessionId)).filter(s -> s.expiresAt().isAfter(clock.instant()));
    }

    public void signOut(String sessionHash) {
        store.deleteSession(sessionHash);
    }

    /** The person behind a session cookie; a state-changing request must carry the session's CSRF token too. */
    public Session signedIn(Presented presented, boolean stateChanging) {
        if (!(presented instanceof Presented.SessionCookie cookie)) {
            throw AccessDenied.unauthenticated("Sign in first.");
        }
        Session session = session(cookie.id()).orElseThrow(() -> AccessDenied.unauthenticated("The session has ended; sign in again."));
        if (stateChanging && !cookie.csrf().map(given -> Credentials.same(given, session.csrf())).orElse(false)) {
            throw AccessDenied.forbidden("csrf", "Send the session's CSRF token (GET /auth/session) as X-CSRF-Token.");
        }
        return session;
    }

    /** The caller, if its credential is valid and gives at least {@code needed} in {@code shop}. */
    public Caller authorize(Presented presented, ShopId shop, Role needed, boolean stateChanging) {
        return switch (presented) {
            case Presented.Nothing nothing -> throw AccessDenied.unauthenticated("Sign in, or send an API token as 'Authorization: Bearer <token>'.");
            case Presented.Bearer bearer -> token(bearer.token(), shop, needed);
            case Presented.SessionCookie cookie -> {
                Session session = signedIn(cookie, stateChanging);
                Member member = store.member(shop, session.email().hash())
                        .orElseThrow(() -> AccessDenied.forbidden("forbidden", "You are not a member of this shop."));
                requireRole(member.role(), needed);
                if (!session.secondFactor() && store.requiresSecondFactor(shop)) {
                    throw AccessDenied.forbidden("second_factor_required", "This shop requires a second factor: POST /auth/second-factor.");
                }
                yield new Caller.Person(session.email(), session.hash(), session.secondFactor());
            }
        };
    }

    private Caller.Token token(String presented, ShopId shop, Role needed) {
        int split = presented.indexOf('.');
        if (!presented.startsWith(TOKEN_PREFIX) || split < 0) {
            throw AccessDenied.unauthenticated("Not a valid token.");
        }
        String id = presented.substring(TOKEN_PREFIX.length(), split);
        ApiToken token = store.token(shop, id)
                .filter(t -> Credentials.same(t.secretHash(), Credentials.hash(presented.substring(split + 1))))
                .orElseThrow(() -> AccessDenied.unauthenticated("Not a valid token."));
        requireRole(token.role(), needed);
        store.tokenUsed(shop, id, clock.instant());
        return new Caller.Token(shop, id, token.name(), token.role());
    }

    private static void requireRole(Role held, Role needed) {
        if (!held.atLeast(needed)) {
            throw AccessDenied.forbidden("forbidden", "This needs the " + needed.slug() + " role or higher.");
        }
    }

    /** Starts (or restarts, until confirmed) a TOTP enrolment. */
    public Enrolment enrol(Caller.Person person) {
        byte[] secret = new byte[20];
        Credentials.RANDOM.nextBytes(secret);
        if (!store.enrol(person.email(), secret)) {
            throw new Conflict("a second factor is enrolled already");
        }
        String base32 = Base32.encode(secret);
        return new Enrolment(base32, "otpauth://totp/Aftercare:" + URLEncoder.encode(person.email().value(), StandardCharsets.UTF_8)
                + "?secret=" + base32 + "&issuer=Aftercare&algorithm=SHA1&digits=6&period=" + STEP_SECONDS);
    }

    /** The first code confirms the enrolment and this session; the recovery codes are shown this once. */
    public List<String> confirm(Caller.Person person, String code) {
        SecondFactor factor = store.secondFactor(person.email()).filter(f -> !f.confirmed())
                .orElseThrow(() -> new Conflict("no enrolment waits for confirmation"));
        long step = matchingStep(person, factor, code);
        List<String> recovery = IntStream.range(0, RECOVERY_CODES).mapToObj(i -> Credentials.id()).toList();
        store.confirm(person.email(), step, recovery.stream().map(Credentials::hash).collect(Collectors.toSet()));
        store.secondFactorGiven(person.sessionHash());
        return recovery;
    }

    /** A TOTP code (each step once: a replayed code is refused) or an unused recovery code completes this session's sign-in. */
    public void secondFactor(Caller.Person person, Optional<String> code, Optional<String> recoveryCode) {
        SecondFactor factor = store.secondFactor(person.email()).filter(SecondFactor::confirmed)
                .orElseThrow(() -> AccessDenied.forbidden("not_enrolled", "No second factor is enrolled: POST /auth/second-factor/enrol."));
        boolean given;
        if (recoveryCode.isPresent()) {
            limitAttempts(person);
            given = store.useRecoveryCode(person.email(), Credentials.hash(recoveryCode.get().strip()));
        } else {
            given = store.useStep(person.email(), matchingStep(person, factor, code.orElseThrow(() -> new InvalidInput("code", "code or recoveryCode is required"))));
        }
        if (!given) {
            throw AccessDenied.forbidden("wrong_code", "That code is wrong or used already.");
        }
        store.secondFactorGiven(person.sessionHash());
    }

    /** The step of the previous, current or next 30 seconds whose code this is, later than any used before. */
    private long matchingStep(Caller.Person person, SecondFactor factor, String code) {
        limitAttempts(person);
        long now = clock.instant().getEpochSecond() / STEP_SECONDS;
        for (long step = now - 1; step <= now + 1; step++) {
            if (step > factor.lastStep() && Credentials.same(codes.code(factor.secret(), step), code.strip())) {
                return step;
            }
        }
        throw AccessDenied.forbidden("wrong_code", "That code is wrong or used already.");
    }

    private void limitAttempts(Caller.Person person) {
        if (over("code#" + person.email().hash(), CODE_ATTEMPTS)) {
            throw AccessDenied.tooMany("Too many codes tried; try again in " + RATE_WINDOW.toMinutes() + " minutes.");
        }
    }

    /** Counts one more request of {@code what} in the current rate window (its counter expires with it): past the limit? */
    private boolean over(String what, int limit) {
        long window = clock.instant().getEpochSecond() / RATE_WINDOW.toSeconds();
        return store.count(what + "#" + window, Instant.ofEpochSecond((window + 1) * RATE_WINDOW.toSeconds())) > limit;
    }

    public void requireSecondFactor(ShopId shop, boolean required) {
        store.requireSecondFactor(shop, required);
    }

    public boolean requiresSecondFactor(ShopId shop) {
        return store.requiresSecondFactor(shop);
    }

    public List<Member> members(ShopId shop) {
        return store.members(shop);
    }

    /** The addresses of the shop's members holding {@code role}: an escalation naming a role reaches them. */
    public List<EmailAddress> holding(ShopId shop, Role role) {
        return holdingEach(shop).getOrDefault(role, List.of());
    }

    /** The addresses of the shop's members by the role they hold, from one read of the members. */
    public Map<Role, List<EmailAddress>> holdingEach(ShopId shop) {
        return store.members(shop).stream().collect(Collectors.groupingBy(Member::role, () -> new EnumMap<>(Role.class),
                Collectors.mapping(Member::email, Collectors.toList())));
    }

    public List<Member> memberships(EmailAddress email) {
        return store.memberships(email);
    }

    /** Adds a member; the shop's first owner is added this way by the admin token. */
    public Member invite(ShopId shop, Caller by, EmailAddress email, Role role, Language language) {
        var member = new Member(shop, email, role, language);
        try {
            store.putMember(member, true);
        } catch (AlreadyExists e) {
            throw new AlreadyExists(email.masked() + " is a member already; change their role instead");
        }
        audit(shop, stamped("member-added"), EntryKind.MEMBER_CHANGED, EntryText.of(Phrase.MEMBER_ADDED)
                .text("who", by.audit()).text("member", email.masked()).code("role", Vocabulary.ROLE, role));
        return member;
    }

    public Member changeRole(ShopId shop, Caller by, String memberId, Role role) {
        Member current = keepingAnOwner(shop, memberId, role != Role.OWNER,
                (member, ownerRemaining) -> store.changeRole(new Member(shop, member.email(), role, member.language()), member.role(), ownerRemaining));
        EmailAddress email = current.email();
        audit(shop, stamped("role-changed"), EntryKind.MEMBER_CHANGED, EntryText.of(Phrase.ROLE_CHANGED)
                .text("who", by.audit()).text("member", email.masked())
                .code("roleFrom", Vocabulary.ROLE, current.role()).code("roleTo", Vocabulary.ROLE, role));
        return new Member(shop, email, role, current.language());
    }

    public void remove(ShopId shop, Caller by, String memberId) {
        Member current = keepingAnOwner(shop, memberId, true, (member, ownerRemaining) -> store.removeMember(shop, memberId, ownerRemaining));
        audit(shop, stamped("member-removed"), EntryKind.MEMBER_CHANGED, EntryText.of(Phrase.MEMBER_REMOVED)
                .text("who", by.audit()).text("member", current.email().masked()));
    }

    /**
     * A shop always keeps an owner, who can add the others back. When the change takes an owner's role away, the write
     * is conditioned on another owner remaining one, so two owners demoting each other at once cannot both succeed;
     * a write whose condition failed reads again. @return the member as it was before the change
     */
    private Member keepingAnOwner(ShopId shop, String memberId, boolean takesRole, BiPredicate<Member, Optional<String>> write) {
        for (int attempt = 1; ; attempt++) {
            Member current = store.member(shop, memberId).orElseThrow(() -> new NotFound("no such member"));
            Optional<String> ownerRemaining = current.role() == Role.OWNER && takesRole ? Optional.of(anotherOwner(shop, current)) : Optional.empty();
            if (write.test(current, ownerRemaining)) {
                return current;
            }
            if (attempt == MEMBER_WRITE_ATTEMPTS) {
                throw new Conflict("the shop's members changed meanwhile; try again");
            }
        }
    }

    private String anotherOwner(ShopId shop, Member leaving) {
        return store.members(shop).stream().filter(m -> m.role() == Role.OWNER && !m.id().equals(leaving.id())).findFirst().map(Member::id)
                .orElseThrow(() -> new Conflict("a shop keeps at least one owner: make another member owner first"));
    }

    public Created createToken(ShopId shop, Caller by, String name, Role role) {
        if (name.isBlank() || name.length() > 100) {
            throw new InvalidInput("name", "1 to 100 characters");
        }
        String id = Credentials.id();
        String secret = Credentials.random();
        var token = new ApiToken(shop, id, name.strip(), role, Credentials.hash(secret), clock.instant(), by.audit(), Optional.empty());
        store.putToken(token);
        audit(shop, stamped("token-created-" + id), EntryKind.TOKEN_CHANGED, EntryText.of(Phrase.TOKEN_CREATED)
                .text("who", by.audit()).text("token", token.name()).code("role", Vocabulary.ROLE, role));
        return new Created(token, TOKEN_PREFIX + id + "." + secret);
    }

    public List<ApiToken> tokens(ShopId shop) {
        return store.tokens(shop);
    }

    public void revokeToken(ShopId shop, Caller by, String id) {
        ApiToken token = store.token(shop, id).orElseThrow(() -> new NotFound("no such token"));
        store.deleteToken(shop, id);
        audit(shop, stamped("token-revoked-" + id), EntryKind.TOKEN_CHANGED, EntryText.of(Phrase.TOKEN_REVOKED)
                .text("who", by.audit()).text("token", token.name()));
    }

    /** What an agent did to a ticket, as the shop's audit trail names it. */
    public enum TicketWork {
        REPLY(Phrase.REPLIED_ON, EntryKind.AGENT_REPLIED), NOTE(Phrase.NOTED_ON, EntryKind.INTERNAL_NOTE), CHANGE(Phrase.CHANGED_TICKET, EntryKind.TICKET_UPDATED);

        private final Phrase phrase;
        private final EntryKind kind;

        TicketWork(Phrase phrase, EntryKind kind) {
            this.phrase = phrase;
            this.kind = kind;
        }
    }

    /** On the shop's audit trail: the version of the ticket the work made, by its number. */
    public void ticketWork(ShopId shop, Caller by, TicketWork work, String ticketNumber, String ticketId, long version) {
        audit(shop, stamped("ticket-" + ticketId + "-v" + version), work.kind, EntryText.of(work.phrase).text("who", by.audit()).text("ticket", ticketNumber));
    }

    /** What was done to a saved reply, as the shop's audit trail names it. */
    public enum ReplyChange {
        ADDED(Phrase.SAVED_REPLY_ADDED), CHANGED(Phrase.SAVED_REPLY_CHANGED), DELETED(Phrase.SAVED_REPLY_DELETED);

        private final Phrase phrase;

        ReplyChange(Phrase phrase) {
            this.phrase = phrase;
        }
    }

    /** The shop's audit entry for a saved reply added, changed or deleted, with its title: written with the change itself. */
    public TimelineEntry savedReplyChanged(ShopId shop, Caller by, ReplyChange change, SavedReply reply) {
        return entry(shop, stamped("saved-reply-" + change.name().toLowerCase(Locale.ROOT)), EntryKind.SETTINGS_CHANGED,
                EntryText.of(change.phrase).text("who", by.audit()).text("title", reply.title()));
    }

    /** On the shop's audit trail: an owner changed its support settings or second-factor rule. */
    public void settingsChanged(ShopId shop, Caller by) {
        audit(shop, stamped("settings"), EntryKind.SETTINGS_CHANGED, EntryText.of(Phrase.SETTINGS_CHANGED).text("who", by.audit()));
    }

    /**
     * An audit entry's id: the moment and this process's count first, so that the entries of one millisecond keep the
     * order they were made in (the trail is read by time, then id), then what it is and a random part, so that two
     * changes, in one process or two, never name one entry alike (the second write of an id is dropped as a retry).
     */
    private String stamped(String what) {
        return "%013d-%012d-%s-%s".formatted(clock.millis(), SEQUENCE.incrementAndGet(), what, Credentials.id().substring(0, 8));
    }

    private void audit(ShopId shop, String entryId, EntryKind kind, EntryText text) {
        store.audit(shop, entry(shop, entryId, kind, text));
    }

    private TimelineEntry entry(ShopId shop, String entryId, EntryKind kind, EntryText text) {
        return new TimelineEntry(entryId, Subject.shop(shop), clock.instant(), kind, text, Optional.empty());
    }
}
