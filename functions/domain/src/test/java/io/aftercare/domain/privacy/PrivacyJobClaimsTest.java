package io.aftercare.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ActionOutcome;
import io.aftercare.domain.action.ActionRef;
import io.aftercare.domain.action.ActionClass;
import io.aftercare.domain.action.ActionStore;
import io.aftercare.domain.action.ActionWorker;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A privacy job's claims: each works for a bounded time, then puts the job back; the next goes on from what is left. */
class PrivacyJobClaimsTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final ShopId SHOP = new ShopId("jobs");

    /** Each batch takes a second of it. */
    private final StepClock clock = new StepClock();
    private final List<String> ended = new ArrayList<>();

    @Test
    void aJobLongerThanOneClaimsBudgetIsPutBackAndTheNextClaimFinishesItWithoutRedoingWhatWasDone() {
        var store = new Batches(8);
        var requests = new PrivacyRequests(store, new Outcomes(), clock);
        var job = claim();

        var first = requests.run(job);
        int doneByTheFirst = store.done;
        var second = requests.run(job);

        assertThat(first.handled()).isEqualTo(ActionWorker.Handled.POSTPONED);
        assertThat(doneByTheFirst).as("a second a batch: the claim's 5 s budget").isEqualTo(5);
        assertThat(second.handled()).isEqualTo(ActionWorker.Handled.SENT);
        assertThat(store.done).as("each batch once").isEqualTo(8);
        assertThat(ended).containsExactly("rescheduled", "completed", "finished customer-erasure");
    }

    @Test
    void aRequestIdThatCannotBeInAKeyIsRefusedBeforeAnythingIsWritten() {
        var store = new Batches(1);
        var requests = new PrivacyRequests(store, new Outcomes(), clock);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> requests.accept(SHOP,
                        new io.aftercare.domain.event.PrivacyRequest.DataRequest(new EmailAddress("ola@example.pl")), "a#b", "the admin API", Optional.empty(), "admin"))
                .isInstanceOf(io.aftercare.domain.InvalidInput.class);
        assertThat(store.opened).isZero();
    }

    private ClaimedAction claim() {
        var detail = new ActionDetail.Privacy("r-1", Optional.of(new EmailAddress("ola@example.pl").hash()), Set.of());
        var due = DueAction.of(ActionKind.CUSTOMER_ERASURE, Subject.shop(SHOP), detail, T);
        return new ClaimedAction(SHOP, due.id(), due.kind(), due.subject(), due.detail(), T, "claim", T.plus(Duration.ofMinutes(5)), 1, 1, false);
    }

    /** A job of so many batches: each one done is done, whichever claim did it. */
    private final class Batches implements PrivacyStore {
        final int needed;
        int done;
        int opened;

        Batches(int needed) {
            this.needed = needed;
        }

        public void open(ShopId shop, DueAction job, TimelineEntry entry, Optional<String> deliveryKey, String topic, Instant now) {
            opened++;
        }

        public Progress step(ShopId shop, ActionKind kind, ActionDetail.Privacy job, Instant now) {
            clock.advance(Duration.ofSeconds(1));
            done++;
            return new Progress(1, done >= needed);
        }

        public void finished(ShopId shop, ActionKind kind, String jobId) {
            ended.add("finished " + kind);
        }
    }

    /** The action store's end of a claim, and nothing else. */
    private final class Outcomes implements ActionStore {
        public boolean complete(ClaimedAction action, ActionOutcome outcome, List<TimelineEntry> entries, Optional<EmailAddress> customer) {
            ended.add("completed");
            return true;
        }

        public boolean reschedule(ClaimedAction action, Instant dueAt, List<TimelineEntry> entries, Optional<EmailAddress> customer) {
            ended.add("rescheduled");
            return true;
        }

        public DueActions due(Instant now) {
            throw new UnsupportedOperationException();
        }

        public boolean schedule(ShopId shop, DueAction action, Instant now) {
            throw new UnsupportedOperationException();
        }

        public Optional<ClaimedAction> claim(ActionRef ref, ActionClass actionClass, Instant now, Duration lease) {
            throw new UnsupportedOperationException();
        }

        public Optional<ClaimedAction> held(ActionRef ref, String claimToken) {
            throw new UnsupportedOperationException();
        }

        public boolean beginSending(ClaimedAction action, Instant now) {
            throw new UnsupportedOperationException();
        }

        public Optional<Map<String, String>> beginSendingToEach(ClaimedAction action, Instant now) {
            throw new UnsupportedOperationException();
        }

        public boolean recordRecipient(ClaimedAction action, String recipient, String outcome) {
            throw new UnsupportedOperationException();
        }
    }

    /** A clock the batches move on. */
    private static final class StepClock extends Clock {
        private Instant now = T;

        void advance(Duration by) {
            now = now.plus(by);
        }

        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    }
}
