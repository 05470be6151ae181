package io.aftercare.domain.customer;

import java.time.Instant;
import java.util.Optional;

/**
 * A survey sent to the customer as their panel lists it, beside their tickets.
 *
 * @param kind its code ({@code nps})
 * @param at when it was answered (last changed), or, while unanswered, sent
 * @param ticket the ticket it was about (a satisfaction survey's), or the one its low score went to
 */
public record CustomerSurvey(String kind, Optional<Integer> score, Optional<String> comment, Instant at, Optional<String> order,
                             Optional<String> ticket) {
}
