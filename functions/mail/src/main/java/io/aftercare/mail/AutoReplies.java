package io.aftercare.mail;

import io.aftercare.domain.inbound.InboundMessage.AutoReply;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.james.mime4j.dom.Header;

/**
 * Whether a machine wrote the message: RFC 3834's {@code Auto-Submitted} (anything but {@code no}), the older
 * {@code X-Autoreply} and {@code X-Autorespond}, {@code Precedence: bulk|junk|auto_reply}, and Microsoft's
 * {@code X-Auto-Response-Suppress} asking that nothing answer it automatically (Exchange puts it on its out-of-office
 * replies and on bulk mail).
 */
final class AutoReplies {

    private static final Set<String> PRECEDENCE = Set.of("bulk", "junk", "auto_reply");
    private static final Set<String> SUPPRESSED = Set.of("all", "oof", "autoreply");

    private AutoReplies() {
    }

    static Optional<AutoReply> of(Header header) {
        var submitted = value(header, "Auto-Submitted");
        if (!submitted.isEmpty() && !token(submitted).equals("no")) {
            return found("Auto-Submitted", submitted);
        }
        for (var name : new String[] {"X-Autoreply", "X-Autorespond"}) {
            var value = value(header, name);
            if (!value.isEmpty() && !token(value).equals("no")) {
                return found(name, value);
            }
        }
        var precedence = value(header, "Precedence");
        if (PRECEDENCE.contains(token(precedence))) {
            return found("Precedence", precedence);
        }
        var suppress = value(header, "X-Auto-Response-Suppress");
        for (var item : suppress.split(",")) {
            if (SUPPRESSED.contains(token(item))) {
                return found("X-Auto-Response-Suppress", suppress);
            }
        }
        return Optional.empty();
    }

    private static Optional<AutoReply> found(String name, String value) {
        return Optional.of(new AutoReply(name, value));
    }

    private static String value(Header header, String name) {
        var field = header.getField(name);
        return field == null || field.getBody() == null ? "" : field.getBody().strip();
    }

    /** The value's first token: {@code auto-replied; owner-email="..."} is {@code auto-replied}. */
    private static String token(String value) {
        var end = value.indexOf(';');
        return (end < 0 ? value : value.substring(0, end)).strip().toLowerCase(Locale.ROOT);
    }
}
