package io.aftercare.domain.shop;

import io.aftercare.domain.InvalidInput;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a shop's customers' emails reach its tickets, when the deployment receives mail.
 *
 * @param route whether Aftercare's emails carry Aftercare's reply address ({@link Route#REPLY_TO}), or keep the shop's
 *     own support address, which the shop forwards to its inbound address ({@link Route#FORWARDING})
 * @param senderHourlyLimit the messages one sender may send the shop in an hour; past it they are recorded, not ticketed
 */
public record InboundSettings(Route route, int senderHourlyLimit) {

    public static final int MAX_SENDER_HOURLY_LIMIT = 1_000;
    public static final InboundSettings DEFAULT = new InboundSettings(Route.REPLY_TO, 20);

    public enum Route {
        REPLY_TO, FORWARDING;

        public String slug() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Route fromSlug(String field, String slug) {
            return Arrays.stream(values()).filter(r -> r.slug().equals(slug)).findFirst()
                    .orElseThrow(() -> new InvalidInput(field, field + " must be reply-to or forwarding"));
        }
    }

    public InboundSettings {
        if (route == null) {
            throw new InvalidInput("support.inbound.route", "support.inbound.route must be reply-to or forwarding");
        }
        if (senderHourlyLimit < 1 || senderHourlyLimit > MAX_SENDER_HOURLY_LIMIT) {
            throw new InvalidInput("support.inbound.senderHourlyLimit",
                    "support.inbound.senderHourlyLimit must be between 1 and " + MAX_SENDER_HOURLY_LIMIT);
        }
    }
}
