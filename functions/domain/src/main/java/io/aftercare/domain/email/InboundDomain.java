package io.aftercare.domain.email;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.ShopId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The deployment's inbound mail domain (SES receives it): each shop's address {@code {shop}@{domain}}, to which a shop
 * may forward its own support address, and the reply addresses {@code reply+{shop}.{code}@{domain}} Aftercare's emails
 * carry as Reply-To. Everything is lower-case: mail systems may lower-case a local part, and nothing here depends on case.
 */
public record InboundDomain(String value) {

    private static final Pattern DOMAIN = Pattern.compile("(?=.{4,200}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final String REPLY = "reply+";

    /** An address of this domain, as Aftercare reads it. */
    public sealed interface Recipient {
    }

    /** A shop's own inbound address. */
    public record ShopAddress(ShopId shop) implements Recipient {
    }

    /** A reply address: the shop it names and the code that says what the email it answers was about (not yet checked). */
    public record ReplyAddress(ShopId shop, String code) implements Recipient {
    }

    public InboundDomain {
        value = value == null ? null : value.trim().toLowerCase(Locale.ROOT);
        if (value == null || !DOMAIN.matcher(value).matches()) {
            throw new InvalidInput("inbound domain must be a DNS name such as inbound.example.com");
        }
    }

    public EmailAddress shopAddress(ShopId shop) {
        return new EmailAddress(shop.value() + "@" + value);
    }

    public EmailAddress replyAddress(ShopId shop, String code) {
        return new EmailAddress(REPLY + shop.value() + "." + code + "@" + value);
    }

    /** What an envelope recipient is, when it is an address of this domain that names a shop. */
    public Optional<Recipient> recipient(EmailAddress address) {
        int at = address.value().lastIndexOf('@');
        if (!address.value().substring(at + 1).equals(value)) {
            return Optional.empty();
        }
        String local = address.value().substring(0, at);
        if (!local.startsWith(REPLY)) {
            return ShopId.isValid(local) ? Optional.of(new ShopAddress(new ShopId(local))) : Optional.empty();
        }
        String token = local.substring(REPLY.length());
        int dot = token.lastIndexOf('.');
        if (dot < 0 || !ShopId.isValid(token.substring(0, dot)) || !ReplyTokens.isCode(token.substring(dot + 1))) {
            return Optional.empty();
        }
        return Optional.of(new ReplyAddress(new ShopId(token.substring(0, dot)), token.substring(dot + 1)));
    }
}
