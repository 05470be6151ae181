package io.aftercare.domain;

/**
 * The write lost a race: what it was based on changed meanwhile (a version check failed, or another transaction held
 * an item). Nothing was written; trying again on a fresh read may succeed. Agents get 409; a webhook is retried here,
 * and one still unresolved is answered 503 so the platform sends it again.
 */
public class ChangedMeanwhile extends Conflict {
    public ChangedMeanwhile(String message) {
        super(message);
    }
}
