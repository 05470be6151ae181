package io.aftercare.domain;

/** A webhook delivery that was recorded before: nothing is written again. */
public class DuplicateDelivery extends RuntimeException {
    public DuplicateDelivery(String deliveryKey) {
        super("delivery " + deliveryKey + " was recorded before");
    }
}
