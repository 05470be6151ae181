package io.aftercare.domain.action;

import java.time.Instant;

/** An action the due index lists as due (or as a claim whose lease ran out), and since when. */
public record DueRef(ActionRef ref, Instant dueAt) {
}
