package io.aftercare.domain.privacy;

import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.Sha256;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ActionOutcome;
import io.aftercare.domain.action.ActionStore;
import io.aftercare.domain.action.ActionWorker;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.event.PrivacyRequest;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Privacy requests: each is recorded at once as a job (a due action on the shop, so the answer to the platform never
 * waits for the work), which the worker then does in bounded batches. A claim runs batches while its lease lasts and
 * puts the job back to wait when it runs out, so a Lambda timeout loses at most one batch, which is done again.
 */
public final class PrivacyRequests implements ActionWorker.Runner {

    /**
     * How long one claim works before it puts the job back: well inside the action function's 30 s timeout, which
     * the other messages of its SQS batch share. A claim's work is bounded by this, never by the customer's data.
     */
    static final Duration CLAIM_BUDGET = Duration.ofSeconds(5);
    /** Left of the lease when no further batch is started. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    /** Part of keys and of the job's id. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final PrivacyStore store;
    private final ActionStore actions;
    private final Clock clock;

    public PrivacyRequests(PrivacyStore store, ActionStore actions, Clock clock) {
        this.store = store;
        this.actions = actions;
        this.clock = clock;
    }

    /**
     * Records the request as a job and says the job's id.
     *
     * @param request the request's id, unique in the shop: from the delivery's key for a webhook, so a redelivery is the
     *                same request; the caller's for the admin API
     * @param by how the audit trail names who asked
     * @param deliveryKey the webhook delivery's dedupe key; empty for the admin API
     * @throws io.aftercare.domain.DuplicateDelivery when this request was recorded before: nothing is done twice
     */
    public String accept(ShopId shop, PrivacyRequest request, String requestId, String by, Optional<String> deliveryKey, String topic) {
        if (!REQUEST_ID.matcher(requestId).matches()) {
            throw new InvalidInput("requestId", "a request id is 1-64 letters, digits, '-' or '_'");
        }
        Instant now = clock.instant();
        var job = new ActionDetail.Privacy(requestId, customerOf(request), ordersOf(request));
        var action = DueAction.of(kindOf(request), Subject.shop(shop), job, now);
        var entry = new TimelineEntry("privacy-" + requestId, Subject.shop(shop), now, EntryKind.PRIVACY_REQUESTED,
                EntryText.of(requested(request)).text("who", by).text("request", requestId), Optional.empty());
        store.open(shop, action, entry, deliveryKey, topic, now);
        return action.id();
    }

    /** A request's id from the key that makes its delivery unique: short, and the same whenever it is sent again. */
    public static String requestIdOf(String deliveryKey) {
        return Sha256.shortHex(deliveryKey.getBytes(StandardCharsets.UTF_8)).substring(0, 20);
    }

    @Override
    public ActionWorker.Result run(ClaimedAction action) {
        var job = action.detail(ActionDetail.Privacy.class);
        long items = 0;
        Instant stop = clock.instant().plus(CLAIM_BUDGET);
        for (int batch = 0; batch == 0 || clock.instant().isBefore(stop) && clock.instant().plus(LEASE_MARGIN).isBefore(action.leaseUntil()); batch++) {
            var progress = store.step(action.shop(), action.kind(), job, clock.instant());
            items += progress.items();
            if (progress.done()) {
                return done(action, job, items);
            }
        }
        // the rest waits for the next sweep: what is done is done, and the next claim starts from what is left
        var entry = new TimelineEntry("privacy-" + job.request() + "-" + action.attempt(), action.subject(), clock.instant(),
                EntryKind.PRIVACY_REQUESTED, EntryText.of(Phrase.PRIVACY_IN_PROGRESS).text("request", job.request()).count("items", items),
                Optional.empty());
        return actions.reschedule(action, clock.instant(), List.of(entry), Optional.empty())
                ? ActionWorker.Result.of(ActionWorker.Handled.POSTPONED) : ActionWorker.Result.of(ActionWorker.Handled.STALE);
    }

    private ActionWorker.Result done(ClaimedAction action, ActionDetail.Privacy job, long items) {
        boolean shopGone = action.kind().equals(ActionKind.SHOP_ERASURE);
        // a shop's erasure leaves no line behind: the trail it would go on is the shop's, and gone
        List<TimelineEntry> entries = shopGone ? List.of() : List.of(new TimelineEntry("privacy-" + job.request() + "-done", action.subject(),
                clock.instant(), EntryKind.PRIVACY_DONE, action.kind().equals(ActionKind.DATA_EXPORT)
                ? EntryText.of(Phrase.DATA_EXPORTED).text("request", job.request())
                : EntryText.of(Phrase.CUSTOMER_ERASED).text("request", job.request()).count("items", items), Optional.empty()));
        if (!actions.complete(action, new ActionOutcome(ActionOutcome.Result.SENT, Optional.empty(), Optional.empty()), entries,
                Optional.empty())) {
            return ActionWorker.Result.of(ActionWorker.Handled.STALE);
        }
        store.finished(action.shop(), action.kind(), action.actionId());
        return ActionWorker.Result.of(ActionWorker.Handled.SENT);
    }

    private static ActionKind kindOf(PrivacyRequest request) {
        return switch (request) {
            case PrivacyRequest.DataRequest data -> ActionKind.DATA_EXPORT;
            case PrivacyRequest.CustomerRedact redact -> ActionKind.CUSTOMER_ERASURE;
            case PrivacyRequest.ShopRedact shop -> ActionKind.SHOP_ERASURE;
        };
    }

    private static Phrase requested(PrivacyRequest request) {
        return switch (request) {
            case PrivacyRequest.DataRequest data -> Phrase.DATA_REQUESTED;
            case PrivacyRequest.CustomerRedact redact -> Phrase.ERASURE_REQUESTED;
            case PrivacyRequest.ShopRedact shop -> Phrase.SHOP_ERASURE_REQUESTED;
        };
    }

    /** The customer's hash: the job never holds the address itself. */
    private static Optional<String> customerOf(PrivacyRequest request) {
        return switch (request) {
            case PrivacyRequest.DataRequest data -> Optional.of(data.customer().hash());
            case PrivacyRequest.CustomerRedact redact -> Optional.of(redact.customer().hash());
            case PrivacyRequest.ShopRedact shop -> Optional.empty();
        };
    }

    private static java.util.Set<String> ordersOf(PrivacyRequest request) {
        return request instanceof PrivacyRequest.CustomerRedact redact
                ? redact.orders().stream().map(OrderId::value).collect(Collectors.toSet()) : java.util.Set.of();
    }
}
