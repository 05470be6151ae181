package io.aftercare.domain.webhook;

import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.DuplicateDelivery;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.NotFound;
import io.aftercare.domain.Sha256;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.discount.Redemptions;
import io.aftercare.domain.event.ComplaintEvent;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.event.PlatformEvent;
import io.aftercare.domain.event.ReturnProgress;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.event.PrivacyRequest;
import io.aftercare.domain.privacy.PrivacyRequests;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.recording.RecordResult;
import io.aftercare.domain.recording.Recording;
import io.aftercare.domain.recording.RecordingPolicy;
import io.aftercare.domain.recording.RecordingStore;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.ticket.TicketId;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import io.aftercare.domain.webhook.WebhookOutcome.Reason;
import io.aftercare.domain.webhook.WebhookOutcome.Rejected;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accepts a webhook delivery: verify, understand, record. Every rejection happens before anything is written.
 */
public final class WebhookIngestion {

    /** Larger bodies are refused before anything else is done with them. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    // Verifying against this for an unknown shop keeps its answer as slow as a wrong signature's.
    private static final Secret NO_SHOP = new Secret("no-such-shop-no-such-secret");

    private final ShopCache shops;
    private final Map<Platform, PlatformAdapter> adapters = new EnumMap<>(Platform.class);
    private final RecordingPolicy policy = new RecordingPolicy();
    private final RecordingStore store;
    private final TicketService tickets;
    private final Redemptions redemptions;
    private final PrivacyRequests privacy;
    private final ReturnLocator recordedReturns;
    private final ReturnLocator shopReturns;
    private final Clock clock;

    /**
     * @param recordedReturns the pointers Aftercare wrote from the platform's references to the returns it recorded
     * @param shopReturns the shop's own API, asked for a reference no pointer names
     */
    public WebhookIngestion(ShopCache shops, List<PlatformAdapter> adapters, RecordingStore store, TicketService tickets,
                            Redemptions redemptions, PrivacyRequests privacy, ReturnLocator recordedReturns, ReturnLocator shopReturns,
                            Clock clock) {
        this.shops = shops;
        adapters.forEach(a -> this.adapters.put(a.platform(), a));
        this.store = store;
        this.tickets = tickets;
        this.redemptions = redemptions;
        this.privacy = privacy;
        this.recordedReturns = recordedReturns;
        this.shopReturns = shopReturns;
        this.clock = clock;
    }

    public WebhookOutcome accept(WebhookDelivery delivery) {
        if (delivery.body().length > MAX_BODY_BYTES) {
            return new Rejected(Reason.PAYLOAD_TOO_LARGE, "The body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        Optional<Platform> platform = Platform.fromSlug(delivery.platform());
        if (platform.isEmpty() || !adapters.containsKey(platform.get())) {
            return new Rejected(Reason.UNKNOWN_PLATFORM, "Webhooks are accepted for shopify, woocommerce and generic.");
        }
        PlatformAdapter adapter = adapters.get(platform.get());
        if (adapter.isActivationPing(delivery)) {
            return new WebhookOutcome.Ping();
        }
        Instant now = clock.instant();
        Optional<Shop> shop = findShop(delivery.shop()).filter(s -> s.settings().platform() == platform.get());
        if (!signedByShop(adapter, delivery, shop, now)) {
            return new Rejected(Reason.UNAUTHORIZED, "The webhook signature is missing or does not match this shop's secret.");
        }
        ParsedDelivery parsed;
        try {
            parsed = adapter.parse(delivery, shop.get().settings().timeZone());
        } catch (MalformedDelivery e) {
            return new Rejected(Reason.valueOf(e.problem().name()), e.getMessage());
        } catch (InvalidInput e) {
            // a value the domain refuses (an id past its size, say): bad input, before anything is written
            return new Rejected(Reason.INVALID_PAYLOAD, e.getMessage() + ".");
        }
        if (parsed.event().isEmpty()) {
            return new WebhookOutcome.Ignored(parsed.topic());
        }
        String deliveryKey = platform.get().slug() + ":" + adapter.dedupeId(parsed, delivery);
        if (parsed.event().get() instanceof ComplaintEvent complaint) {
            return complaint(shop.get(), parsed, deliveryKey, complaint);
        }
        if (parsed.event().get() instanceof PrivacyRequest request) {
            return privacyRequest(shop.get(), platform.get(), parsed, deliveryKey, request);
        }
        if (parsed.event().get() instanceof OrderUpdate update && !parsed.discountCodes().isEmpty()) {
            // before the recording, whose dedupe marker would stop a retry: these writes are idempotent by themselves
            redemptions.record(shop.get().id(), update.orderId(), update.snapshot().map(OrderSnapshot::name).orElse(update.orderId().value()),
                    parsed.discountCodes(), update.customer().map(EmailAddress::hash));
        }
        PlatformEvent event = parsed.event().get();
        if (event instanceof ReturnProgress progress) {
            ReturnLocator.Answer located = recordedReturns.locate(shop.get(), progress.reference());
            if (!(located instanceof ReturnLocator.Answer.Found)) {
                located = shopReturns.locate(shop.get(), progress.reference());
            }
            switch (located) {
                case ReturnLocator.Answer.Found found -> event = progress.at(found.location());
                // A return's own id gets its pointer when the return's own delivery (returns/request, returns/approve),
                // normally seconds away, is recorded: unless the shop says there is no such return, that is worth
                // waiting for. Nothing but the shop's API places a reverse fulfilment order.
                case ReturnLocator.Answer.CannotBeLocated cannot when cannot.why() != ReturnLocator.Why.UNKNOWN
                        && progress.reference().kind() == ReturnReference.Kind.RETURN -> {
                    return notLocatedYet(parsed);
                }
                case ReturnLocator.Answer.CannotBeLocated cannot -> {
                    return notLocated(shop.get(), parsed, deliveryKey, progress, cannot.why(), now);
                }
                case ReturnLocator.Answer.TryLater later -> {
                    return notLocatedYet(parsed);
                }
            }
        }
        Recording recording = policy.plan(shop.get(), deliveryKey, parsed.deliveryId(), parsed.topic(), event, now);
        RecordResult result;
        try {
            result = store.record(recording);
        } catch (ChangedMeanwhile unresolved) {
            return new WebhookOutcome.RetryLater(parsed.deliveryId(), "The order was being changed by other writes; "
                    + "the delivery was not recorded. Please send it again.");
        }
        if (result.duplicate()) {
            return new WebhookOutcome.Duplicate(parsed.deliveryId());
        }
        return recorded(parsed, recording, result);
    }

    /** Not a 2xx, which would lose the step: the platform sends it again (Shopify: 8 times over 4 hours). */
    private static WebhookOutcome notLocatedYet(ParsedDelivery parsed) {
        return new WebhookOutcome.RetryLater(parsed.deliveryId(), "Aftercare has not recorded the return this delivery is about, "
                + "and the shop's API could not name its order now; nothing was recorded. Please send it again.");
    }

    /**
     * A return that cannot be located however often the delivery is sent: its dedupe marker and a line on the shop's
     * audit trail saying which return and why, so that the shop's people can see it and the platform stops sending it.
     */
    private WebhookOutcome notLocated(Shop shop, ParsedDelivery parsed, String deliveryKey, ReturnProgress progress, ReturnLocator.Why why,
                                      Instant now) {
        ReturnReference reference = progress.reference();
        var text = EntryText.of(Phrase.RETURN_NOT_LOCATED)
                .text(reference.kind() == ReturnReference.Kind.RETURN ? "return" : "rfo", reference.id())
                .code("event", Vocabulary.RETURN, progress.step())
                .flag("noToken", why == ReturnLocator.Why.NO_TOKEN)
                .flag("refused", why == ReturnLocator.Why.REFUSED)
                .flag("unknown", why == ReturnLocator.Why.UNKNOWN);
        var note = new TimelineEntry("return-not-located-" + Sha256.shortHex(deliveryKey.getBytes(StandardCharsets.UTF_8)), Subject.shop(shop.id()),
                now, EntryKind.RETURN_ANOMALY, text, Optional.of(parsed.deliveryId()));
        try {
            return store.recordUnapplied(shop.id(), deliveryKey, parsed.topic(), note)
                    ? new WebhookOutcome.NotPlaced(parsed.deliveryId(), parsed.topic(), why)
                    : new WebhookOutcome.Duplicate(parsed.deliveryId());
        } catch (ChangedMeanwhile unresolved) {
            return new WebhookOutcome.RetryLater(parsed.deliveryId(), "The shop's audit trail was being changed by other writes; "
                    + "the delivery was not recorded. Please send it again.");
        }
    }

    /**
     * A complaint opens a ticket (the same complaint id again answers with the ticket it opened); a follow-up updates
     * it. Only the delivery's own dedupe marker makes a duplicate: a write that lost its races is answered "retry later".
     */
    private WebhookOutcome complaint(Shop shop, ParsedDelivery parsed, String deliveryKey, ComplaintEvent complaint) {
        try {
            Ticket ticket = switch (complaint) {
                case ComplaintEvent.Opened opened -> tickets.open(shop.id(), opened.complaint(), Optional.of(deliveryKey));
                case ComplaintEvent.CustomerMessage message -> followUp(shop, message, deliveryKey);
            };
            return new WebhookOutcome.Recorded(parsed.deliveryId(), parsed.topic(), 1, List.of(), false, Optional.of(ticket.number()));
        } catch (DuplicateDelivery recordedBefore) {
            return new WebhookOutcome.Duplicate(parsed.deliveryId());
        } catch (ChangedMeanwhile unresolved) {
            return new WebhookOutcome.RetryLater(parsed.deliveryId(), "The complaint's ticket was being changed by other writes; "
                    + "the delivery was not recorded. Please send it again.");
        } catch (NotFound unknownComplaint) {
            return new Rejected(Reason.INVALID_PAYLOAD, "No complaint with that complaint_id was received.");
        }
    }

    /** A privacy request becomes a job, in one write with the delivery's dedupe marker; the work is the worker's. */
    private WebhookOutcome privacyRequest(Shop shop, Platform platform, ParsedDelivery parsed, String deliveryKey, PrivacyRequest request) {
        try {
            String job = privacy.accept(shop.id(), request, PrivacyRequests.requestIdOf(deliveryKey), platform.slug() + " webhook " + parsed.topic(),
                    Optional.of(deliveryKey), parsed.topic());
            return new WebhookOutcome.Recorded(parsed.deliveryId(), parsed.topic(), 1, List.of(job), false, Optional.empty());
        } catch (DuplicateDelivery recordedBefore) {
            return new WebhookOutcome.Duplicate(parsed.deliveryId());
        }
    }

    private Ticket followUp(Shop shop, ComplaintEvent.CustomerMessage message, String deliveryKey) {
        return tickets.customerWrote(shop.id(), TicketId.ofComplaint(message.complaintId()), message.message(), Optional.of(deliveryKey));
    }

    private Optional<Shop> findShop(String shopId) {
        return ShopId.isValid(shopId) ? shops.find(new ShopId(shopId)) : Optional.empty();
    }

    private static boolean signedByShop(PlatformAdapter adapter, WebhookDelivery delivery, Optional<Shop> shop, Instant now) {
        List<Secret> secrets = shop.map(s -> s.secrets().acceptedAt(now)).orElse(List.of(NO_SHOP));
        boolean matches = false;
        for (Secret secret : secrets) {
            matches |= adapter.signatureMatches(delivery, secret); // no early exit: same work whichever secret matches
        }
        return matches && shop.isPresent();
    }

    private static WebhookOutcome recorded(ParsedDelivery parsed, Recording recording, RecordResult result) {
        int entries = recording.order().map(o -> o.entries().size()).orElse(0)
                + recording.customer().map(c -> c.entries().size()).orElse(0);
        List<String> scheduled = recording.order().map(o -> o.possibleActions()
                        .map(DueAction::id)
                        .filter(id -> !result.notScheduled().contains(id))
                        .toList())
                .orElse(List.of());
        return new WebhookOutcome.Recorded(parsed.deliveryId(), parsed.topic(), entries, scheduled, result.staleSnapshot(), Optional.empty());
    }
}
