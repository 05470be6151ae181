package io.aftercare.domain;

/**
 * A webhook delivery whose dedupe marker exists: it was recorded before, and nothing is written again. The only
 * condition that may answer a platform "duplicate".
 */
public class DuplicateDelivery extends RuntimeException {
    public DuplicateDelivery(String deliveryKey) {
        super("delivery " + deliveryKey + " was recorded before");
    }
}
