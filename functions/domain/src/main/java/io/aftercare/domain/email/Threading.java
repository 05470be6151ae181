package io.aftercare.domain.email;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.InboundSettings;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.timeline.Subject;
import java.util.List;
import java.util.Optional;

/**
 * Threads a shop's emails and its customers' replies. Sending: the Reply-To of an email to a customer about a ticket or
 * an order (Aftercare's reply address for it, or the shop's own) and what keeps its thread ({@link #thread}).
 * Receiving: the subject a reply address or a thread id names, within one shop.
 *
 * <p>SES replaces any {@code Message-ID} it is given with its own, {@code <{SendEmail's MessageId}@{region}.amazonses.com>}
 * ({@code email.amazonses.com} in us-east-1; AWS's "Amazon SES header fields"), and leaves {@code References} alone. So
 * the id kept is SES's, and a reply's {@code In-Reply-To} / {@code References} are read by the part before the {@code @}
 * of their ids at an {@code amazonses.com} domain.
 */
public final class Threading {

    private static final String SES_DOMAIN = "amazonses.com";

    private final Optional<InboundDomain> domain;
    private final ReplyTokens tokens;
    private final ThreadStore store;

    /** @param domain where the deployment receives mail; absent, emails carry the shop's own Reply-To and nothing is kept */
    public Threading(Optional<InboundDomain> domain, ReplyTokens tokens, ThreadStore store) {
        this.domain = domain;
        this.tokens = tokens;
        this.store = store;
    }

    /**
     * The Reply-To of an email to a customer about {@code subject} (a ticket, or an order) and what keeps its thread,
     * which the email's sending mark and record keep ({@link SendingMark}): the code Aftercare's reply address carries,
     * and SES's id for the email, by which a reply that reaches the shop's own address is found (its
     * {@code In-Reply-To}), whichever address it was sent to.
     */
    public EmailThread thread(Shop shop, Subject subject) {
        if (domain.isEmpty() || shop.settings().support().inbound().route() != InboundSettings.Route.REPLY_TO) {
            return new EmailThread(shop.id(), subject, shop.settings().replyToEmail(), Optional.empty(), domain.isPresent());
        }
        String code = tokens.code(shop.id(), subject);
        return new EmailThread(shop.id(), subject, domain.get().replyAddress(shop.id(), code), Optional.of(code), true);
    }

    /** What a reply address's code names in its shop: nothing for a code this key did not make for what is kept. */
    public Optional<Subject> byCode(ShopId shop, String code) {
        return store.byCode(shop, code).filter(subject -> tokens.names(code, shop, subject));
    }

    /** What the nearest of a reply's thread ids that the shop sent names. */
    public Optional<Subject> byThread(ShopId shop, List<String> threadIds) {
        for (String id : threadIds) {
            Optional<Subject> found = sesMessageId(id).flatMap(messageId -> store.byMessageId(shop, messageId));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    public Optional<InboundDomain> domain() {
        return domain;
    }

    /** The SendEmail id a {@code Message-ID} SES stamped carries (without angle brackets), or empty for another's id. */
    static Optional<String> sesMessageId(String threadId) {
        int at = threadId.lastIndexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        String host = threadId.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
        return host.equals(SES_DOMAIN) || host.endsWith("." + SES_DOMAIN) ? Optional.of(threadId.substring(0, at)) : Optional.empty();
    }
}
