package io.aftercare.domain.order;

import io.aftercare.domain.Money;
import java.time.Instant;

public record Refund(String refundId, Money amount, Instant at) {
}
