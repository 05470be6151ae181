package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.n;
import static io.aftercare.dynamodb.Items.s;
import static io.aftercare.dynamodb.Items.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionClass;
import io.aftercare.domain.action.ActionRef;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.email.EmailCategory;
import io.aftercare.domain.email.EmailDecision;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.email.EmailPolicy;
import io.aftercare.domain.email.EmailThread;
import io.aftercare.domain.email.RecipientState;
import io.aftercare.domain.email.SendingMark;
import io.aftercare.domain.privacy.SuppressionKey;
import io.aftercare.domain.email.Suppression;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.recording.OrderRecording;
import io.aftercare.domain.recording.Recording;
import io.aftercare.domain.timeline.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The sending mark's recipient checks against the policy they stand for: for each recipient state, the store refuses
 * exactly when {@link EmailPolicy#forRecipient} would not send, and what it answers with makes the policy say the same.
 */
@ExtendWith(DynamoDbExtension.class)
class RecipientGateTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");
    private static final ShopId SHOP = new ShopId("gate-shop");
    private static final EmailPolicy POLICY = new EmailPolicy();
    private static final SuppressionKey KEY = new SuppressionKey("gate-test-link-key".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final List<EmailKind> KINDS = List.of(EmailKind.THANK_YOU, EmailKind.CHECK_IN, EmailKind.SURVEY);

    private static final Map<String, RecipientState> STATES = Map.of(
            "nothing known", state(Set.of(), Optional.empty(), Optional.empty(), 0),
            "bounced", state(Set.of(), Optional.of(Suppression.BOUNCED), Optional.empty(), 0),
            "left follow-ups", state(Set.of(EmailCategory.FOLLOW_UPS), Optional.empty(), Optional.empty(), 0),
            "left everything", state(Set.of(EmailCategory.ALL), Optional.empty(), Optional.empty(), 0),
            "complaining", state(Set.of(), Optional.empty(), Optional.empty(), 1),
            "complaint resolved", state(Set.of(), Optional.empty(), Optional.of(NOW.minus(Duration.ofDays(3))), 0),
            "mailed an hour ago", state(Set.of(), Optional.empty(), Optional.of(NOW.minus(Duration.ofHours(1))), 0),
            "mailed just a cap ago", state(Set.of(), Optional.empty(), Optional.of(NOW.minus(EmailPolicy.FREQUENCY_CAP)), 0),
            "left surveys, complained and mailed lately", state(Set.of(EmailCategory.SURVEYS), Optional.empty(), Optional.of(NOW.minusSeconds(60)), 2));

    @Test
    void givenEachRecipientState_whenTheSendingMarkIsTaken_thenTheStoreRefusesExactlyWhenThePolicyWouldNotSendAndSaysWhy(TestTable table) {
        var store = new DynamoActionStore(table.client(), table.name(), DynamoActionStore.DEFAULT_DUE_SHARDS, () -> KEY);
        int n = 0;
        for (var named : STATES.entrySet()) {
            for (EmailKind kind : KINDS) {
                String id = "gate-" + n++;
                var email = new EmailAddress(id + "@example.com");
                write(table, email, named.getValue());
                ClaimedAction action = claimed(table, store, kind, id);

                var expected = POLICY.forRecipient(kind, named.getValue(), NOW);
                var taken = store.begin(action, NOW, email, POLICY.gate(kind, NOW), thread(action, email));

                String what = named.getKey() + ", " + kind.slug();
                var codeKept = new DynamoInboundStore(table.client(), table.name()).byCode(SHOP, code(action));
                if (expected instanceof EmailDecision.Send) {
                    assertThat(taken).as(what).isEqualTo(new SendingMark.Began());
                    assertThat(codeKept).as("the reply code is kept with the mark: " + what).contains(action.subject());
                } else {
                    assertThat(codeKept).as("a refused email keeps no reply code: " + what).isEmpty();
                    assertThat(taken).as(what).isInstanceOf(SendingMark.Refused.class);
                    var refused = ((SendingMark.Refused) taken).recipient();
                    assertThat(POLICY.forRecipient(kind, refused, NOW)).as(what).isNotInstanceOf(EmailDecision.Send.class);
                    if (!named.getKey().contains(",")) { // one cause: the answer names it
                        assertThat(POLICY.forRecipient(kind, refused, NOW)).as(what).isEqualTo(expected);
                    }
                    assertThat(store.beginSending(action, NOW)).as("a refusal leaves the claim to be ended: " + what).isTrue();
                }
            }
        }
    }

    @Test
    void givenASuppressedRecipientAndALostClaim_whenTheSendingMarkIsTaken_thenTheLostClaimIsWhatItSays(TestTable table) {
        var store = new DynamoActionStore(table.client(), table.name(), DynamoActionStore.DEFAULT_DUE_SHARDS, () -> KEY);
        var email = new EmailAddress("lost@example.com");
        write(table, email, state(Set.of(EmailCategory.ALL), Optional.of(Suppression.COMPLAINED), Optional.empty(), 0));
        ClaimedAction action = claimed(table, store, EmailKind.CHECK_IN, "lost");
        assertThat(store.beginSending(action, NOW)).isTrue(); // another worker holding the same message began first

        assertThat(store.begin(action, NOW, email, POLICY.gate(EmailKind.CHECK_IN, NOW), thread(action, email))).isEqualTo(new SendingMark.Lost());
    }

    @Test
    void givenTwoFollowUpsToOneCustomer_whenBothAreMarkedBeforeEitherIsRecorded_thenTheSecondWaitsOutTheCapAndTheFirstsRetryStillPasses(TestTable table) {
        var store = new DynamoActionStore(table.client(), table.name(), DynamoActionStore.DEFAULT_DUE_SHARDS, () -> KEY);
        var email = new EmailAddress("twice@example.com");
        write(table, email, state(Set.of(), Optional.empty(), Optional.empty(), 0));
        ClaimedAction checkIn = claimed(table, store, EmailKind.CHECK_IN, "twice-1");
        ClaimedAction survey = claimed(table, store, EmailKind.SURVEY, "twice-2");
        assertThat(store.begin(checkIn, NOW, email, POLICY.gate(EmailKind.CHECK_IN, NOW), thread(checkIn, email))).isEqualTo(new SendingMark.Began());

        // on another worker, a second later, while the check-in is being sent: the cap began with the check-in's mark
        var second = store.begin(survey, NOW.plusSeconds(1), email, POLICY.gate(EmailKind.SURVEY, NOW.plusSeconds(1)), thread(survey, email));

        assertThat(second).isInstanceOf(SendingMark.Refused.class);
        assertThat(POLICY.forRecipient(EmailKind.SURVEY, ((SendingMark.Refused) second).recipient(), NOW.plusSeconds(1)))
                .isEqualTo(new EmailDecision.Postpone(NOW.plus(EmailPolicy.FREQUENCY_CAP), Reason.FREQUENCY_CAP));
        // the check-in's worker died after its mark: its claim, taken over past its lease, marks again and is let through
        ClaimedAction retried = store.claim(checkIn.ref(), checkIn.kind().actionClass(), NOW.plus(Duration.ofMinutes(10)), Duration.ofMinutes(5))
                .orElseThrow();
        assertThat(store.begin(retried, NOW.plus(Duration.ofMinutes(10)), email, POLICY.gate(EmailKind.CHECK_IN, NOW.plus(Duration.ofMinutes(10))), thread(retried, email)))
                .isEqualTo(new SendingMark.Began());
    }

    @Test
    void givenAMarkedEmail_whenItIsRecordedAsSent_thenItsMessageIdNamesItsSubject_andALostClaimKeepsOnlyItsThread(TestTable table) {
        var store = new DynamoActionStore(table.client(), table.name(), DynamoActionStore.DEFAULT_DUE_SHARDS, () -> KEY);
        var inbound = new DynamoInboundStore(table.client(), table.name());
        var email = new EmailAddress("threaded@example.com");
        ClaimedAction action = claimed(table, store, EmailKind.THANK_YOU, "threaded");
        ClaimedAction unthreaded = claimed(table, store, EmailKind.THANK_YOU, "unthreaded");
        assertThat(store.begin(action, NOW, email, POLICY.gate(EmailKind.THANK_YOU, NOW), thread(action, email))).isEqualTo(new SendingMark.Began());
        assertThat(store.begin(unthreaded, NOW, email, POLICY.gate(EmailKind.THANK_YOU, NOW), thread(unthreaded, email)))
                .isEqualTo(new SendingMark.Began());
        ClaimedAction lost = new ClaimedAction(action.shop(), action.actionId(), action.kind(), action.subject(), action.detail(),
                action.dueAt(), "another-claim", action.leaseUntil(), action.attempt(), action.tries(), action.sendingBegun());

        assertThat(store.sent(lost, "ses-lost", List.of(), email, thread(lost, email))).isFalse();
        assertThat(store.sent(action, "ses-1", List.of(), email, thread(action, email))).isTrue();
        var noInbound = new EmailThread(SHOP, unthreaded.subject(), email, Optional.empty(), false);
        assertThat(store.sent(unthreaded, "ses-2", List.of(), email, noInbound)).isTrue();

        assertThat(inbound.byMessageId(SHOP, "ses-1")).contains(action.subject());
        assertThat(inbound.byMessageId(SHOP, "ses-lost")).as("SES took it: its thread is kept though its record is another's")
                .contains(action.subject());
        assertThat(inbound.byMessageId(SHOP, "ses-2")).as("a deployment that receives no mail keeps no ids").isEmpty();
        assertThat(store.sent(action, "ses-1", List.of(), email, thread(action, email))).as("done: its claim ended").isFalse();
    }

    @Test
    void givenAnotherEmailOfTheSubjectKeepingTheSameReplyCodeAtOnce_whenTheMarkIsCancelledByTheConflict_thenItIsAChangeMeanwhileToRunAgainAtOnce(
            TestTable table) {
        var setUp = new DynamoActionStore(table.client(), table.name(), DynamoActionStore.DEFAULT_DUE_SHARDS, () -> KEY);
        var email = new EmailAddress("conflict@example.com");
        ClaimedAction action = claimed(table, setUp, EmailKind.THANK_YOU, "conflict");
        // DynamoDB Local runs one request at a time and never reports a conflict: DynamoDB's answer to two at once is made here
        ExecutionInterceptor conflict = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest) {
                    throw TransactionCanceledException.builder().message("Transaction cancelled").statusCode(400)
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException").serviceName("DynamoDb").build())
                            .cancellationReasons(CancellationReason.builder().code("None").build(),
                                    CancellationReason.builder().code("TransactionConflict").build()).build();
                }
            }
        };
        var store = new DynamoActionStore(table.client(conflict), table.name(), DynamoActionStore.DEFAULT_DUE_SHARDS, () -> KEY);

        assertThatThrownBy(() -> store.beginReply(action, NOW, thread(action, email))).isInstanceOf(ChangedMeanwhile.class);
        assertThatThrownBy(() -> store.begin(action, NOW, email, POLICY.gate(EmailKind.THANK_YOU, NOW), thread(action, email)))
                .isInstanceOf(ChangedMeanwhile.class);
        assertThat(setUp.beginReply(action, NOW, thread(action, email))).as("nothing was marked: the next run marks it").isTrue();
    }

    /** A thread as a deployment receiving replies makes it: a code for the action's subject, and SES's id kept. */
    private static EmailThread thread(ClaimedAction action, EmailAddress email) {
        return new EmailThread(SHOP, action.subject(), email, Optional.of(code(action)), true);
    }

    private static String code(ClaimedAction action) {
        return "code-" + action.actionId().replace('#', '-');
    }

    private static ClaimedAction claimed(TestTable table, DynamoActionStore store, EmailKind kind, String id) {
        var due = DueAction.of(kind.action(), Subject.order(new OrderId(id)), NOW);
        new DynamoRecordingStore(table.client(), table.name()).record(new Recording(SHOP, "generic:" + id, "test", NOW,
                Optional.of(new OrderRecording(new OrderId(id), NOW, Optional.empty(), List.of(), List.of(), List.of(due), Optional.empty(), Optional.empty())),
                Optional.empty()));
        return store.claim(new ActionRef(SHOP, kind.action().slug() + "#" + id), kind.action().actionClass(), NOW, Duration.ofMinutes(5))
                .orElseThrow();
    }

    /** The customer's profile and suppression items as the state says (none where it says nothing). */
    private static void write(TestTable table, EmailAddress email, RecipientState state) {
        String partition = Keys.customerByHash(SHOP, email.hash());
        Map<String, AttributeValue> profile = new HashMap<>(Keys.key(partition, Keys.PROFILE));
        state.lastFollowUpAt().ifPresent(at -> profile.put(DynamoRecipientStore.LAST_FOLLOW_UP, time(at)));
        profile.put(DynamoRecipientStore.OPEN_COMPLAINTS, n(state.openComplaints()));
        table.client().putItem(b -> b.tableName(table.name()).item(profile));
        if (!state.unsubscribed().isEmpty() || state.hardSuppression().isPresent()) {
            Map<String, AttributeValue> suppression = new HashMap<>(Keys.key(partition, Keys.SUPPRESSION));
            if (!state.unsubscribed().isEmpty()) {
                suppression.put(DynamoRecipientStore.UNSUBSCRIBED, AttributeValue.fromSs(state.unsubscribed().stream().map(EmailCategory::slug).toList()));
            }
            state.hardSuppression().ifPresent(why -> suppression.put(DynamoRecipientStore.HARD, s(why.slug())));
            table.client().putItem(b -> b.tableName(table.name()).item(suppression));
        }
    }

    private static RecipientState state(Set<EmailCategory> unsubscribed, Optional<Suppression> hard, Optional<Instant> lastFollowUp, int complaints) {
        return new RecipientState(unsubscribed.isEmpty() ? Set.of() : EnumSet.copyOf(unsubscribed), hard, lastFollowUp, complaints, Optional.empty());
    }
}
