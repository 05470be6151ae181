package io.aftercare.domain.order;

/** The moments of an order's life that its state is made of; each is recorded once, the first time it is seen. */
public enum Milestone {
    PLACED, PAID, FULFILLED, DELIVERED, CANCELLED
}
