package io.aftercare.domain.order;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** What happened to a customer's return, in the order a return goes through it. */
public enum ReturnEvent {
    REQUESTED(true), APPROVED(true), DECLINED(false), CANCELLED(false), IN_TRANSIT(true), RECEIVED(true), REFUNDED(true),
    CLOSED(true), REOPENED(true);

    private final boolean goodsComingBack;

    ReturnEvent(boolean goodsComingBack) {
        this.goodsComingBack = goodsComingBack;
    }

    /** After this, goods are on their way back or came back: no cheerful follow-up for the order. */
    public boolean goodsComingBack() {
        return goodsComingBack;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReturnEvent> fromLabel(String label) {
        return Stream.of(values()).filter(e -> e.label().equals(label)).findFirst();
    }
}
