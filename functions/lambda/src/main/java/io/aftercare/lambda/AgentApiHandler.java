package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Limits;
import io.aftercare.domain.NotFound;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.customer.CustomerSummary;
import io.aftercare.domain.replies.SavedReply;
import io.aftercare.domain.search.Search;
import io.aftercare.domain.access.Credentials;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.access.Access;
import io.aftercare.domain.access.Caller;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopAdmin;
import io.aftercare.domain.ticket.QueueView;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.ticket.Presence;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.lambda.http.HttpRequest;
import io.aftercare.lambda.http.HttpResponses;
import io.aftercare.lambda.http.RoutedHandler;
import io.aftercare.lambda.http.Routes;
import io.aftercare.lambda.json.JsonViews;
import io.aftercare.lambda.json.ShopJson;
import io.aftercare.lambda.json.SupportJson;
import io.aftercare.lambda.json.TicketJson;
import io.aftercare.email.TimelineWording;
import io.aftercare.lambda.json.TimelineJson;
import java.util.Arrays;
import java.util.HashMap;
import io.aftercare.domain.metrics.LoyaltyReport;
import io.aftercare.domain.metrics.MetricsCsv;
import io.aftercare.domain.metrics.MetricsRange;
import io.aftercare.domain.metrics.MetricsReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** {@code /api/shops/{shop}/...}: the support agents' API: orders, customers and their timelines; complaint tickets and their queue. */
public final class AgentApiHandler extends RoutedHandler {

    private static final Set<String> SAVED_REPLY = Set.of("title", "body");
    private static final Set<String> OWNER_SETTINGS = Set.of("support", "requireSecondFactor");
    /** What an owner changes from the console; the rest of {@code support} (chat webhook, goodwill, ...) stays the admin API's. */
    private static final Set<String> OWNER_SUPPORT = Set.of("aroundTheClock", "businessHours", "holidays", "sla", "escalation");
    private static final Set<String> PRESENCE = Set.of("activity");
    /** How long a member's link to an attachment opens it: long enough to click, too short to pass around. */
    private static final java.time.Duration ATTACHMENT_LINK = java.time.Duration.ofMinutes(5);

    public AgentApiHandler() {
        this(Aftercare.instance());
    }

    public AgentApiHandler(Aftercare app) {
        super(routes(app));
    }

    private static Routes routes(Aftercare app) {
        var timelines = app.timelines();
        var tickets = app.tickets();
        var shops = app.shops();
        var words = app.timelineWording();
        return Routes.guarded(app.gate())
                .on("GET /api/shops/{shop}/orders/{orderId}", request -> HttpResponses.json(200, TimelineJson.order(
                        timelines.order(shop(request), order(request)).orElseThrow(() -> new NotFound("no such order")))))
                .on("GET /api/shops/{shop}/orders/{orderId}/timeline", request -> HttpResponses.json(200, TimelineJson.page(
                        timelines.orderTimeline(shop(request), order(request), Pages.from(request)), wording(request, words, shops))))
                .on("GET /api/shops/{shop}/customers/{email}", request -> {
                    var customer = timelines.customer(shop(request), email(request)).orElseThrow(() -> new NotFound("no such customer"));
                    var orders = customer.orders().stream().limit(CustomerSummary.PANEL_ORDERS)
                            .flatMap(order -> timelines.order(shop(request), order).stream()).toList();
                    return HttpResponses.json(200, TimelineJson.customer(customer, orders));
                })
                .on("GET /api/shops/{shop}/customers/{email}/timeline", request -> HttpResponses.json(200, TimelineJson.page(
                        timelines.customerTimeline(shop(request), email(request), Pages.from(request)), wording(request, words, shops))))
                .on("GET /api/shops/{shop}/customers/{email}/data-export", request -> HttpResponses.download("data-export.json", "application/json",
                        app.privacyExports().latestExport(shops.show(shop(request)).id(), email(request))
                                .map(json -> new String(json, java.nio.charset.StandardCharsets.UTF_8)).orElseThrow(() -> new NotFound("no data export of this customer: make a data request first"))))
                .on("GET /api/shops/{shop}/search", request -> {
                    String query = request.query("q").filter(q -> !Search.normalize(q).isEmpty())
                            .orElseThrow(() -> new InvalidInput("q", "q is required: an email, an order or ticket number, or a name"));
                    return HttpResponses.json(200, app.search().find(shops.show(shop(request)).id(), Limits.atMost("q", query, Limits.TEXT_BYTES)));
                })
                .on("GET /api/shops/{shop}/metrics", request -> {
                    var shop = shops.show(shop(request));
                    var range = MetricsRange.parse(request.query("from").orElse(null), request.query("to").orElse(null),
                            request.query("period").orElse(null));
                    var figures = MetricsReport.figures(range, app.metrics().forReport(shop.id(), range));
                    String format = request.query("format").orElse("json");
                    return switch (format) {
                        case "json" -> HttpResponses.json(200, Map.of("period", range.period().slug(), "from", range.from().toString(),
                                "to", range.to().toString(), "timeZone", shop.settings().timeZone().getId(), "items", figures));
                        case "csv" -> HttpResponses.csv(shop.id().value() + "-metrics-" + range.from() + "-" + range.to() + ".csv", MetricsCsv.of(figures));
                        default -> throw new InvalidInput("format", "format must be json or csv");
                    };
                })
                .on("GET /api/shops/{shop}/loyalty", request -> {
                    var shop = shops.show(shop(request));
                    var range = MetricsRange.parse(request.query("from").orElse(null), request.query("to").orElse(null), null);
                    return HttpResponses.json(200, LoyaltyReport.of(range, app.metrics().days(shop.id(), range.from(), range.to())));
                })
                .on("GET /api/shops/{shop}/settings", request -> HttpResponses.json(200, ownerSettings(app, shops.show(shop(request)))))
                .on("PUT /api/shops/{shop}/settings", request -> {
                    var body = JsonViews.readObject(request.body(), OWNER_SETTINGS);
                    var shop = shops.show(shop(request));
                    if (body.has("requireSecondFactor") && !body.get("requireSecondFactor").isBoolean()) {
                        throw new InvalidInput("requireSecondFactor", "true or false");
                    }
                    if (body.has("support")) { // read whole, as the admin API reads it, before anything is written
                        if (body.get("support").isObject()) {
                            JsonViews.onlyFields(body.get("support"), "support.", OWNER_SUPPORT);
                        }
                        shop = shops.update(shop.id(), current -> ShopJson.apply(body, current, app.chatWebhooks()));
                    }
                    if (body.has("requireSecondFactor")) {
                        app.access().requireSecondFactor(shop.id(), body.get("requireSecondFactor").asBoolean());
                    }
                    app.access().settingsChanged(shop.id(), request.requireCaller());
                    return HttpResponses.json(200, ownerSettings(app, shop));
                })
                .on("GET /api/shops/{shop}/saved-replies", request -> HttpResponses.json(200,
                        Map.of("items", app.savedReplies().list(shops.show(shop(request)).id()))))
                .on("POST /api/shops/{shop}/saved-replies", request -> {
                    var reply = savedReply(request, Credentials.id());
                    var shop = shops.show(shop(request)).id();
                    app.savedReplies().create(shop, reply, app.access().savedReplyChanged(shop, request.requireCaller(), Access.ReplyChange.ADDED, reply));
                    return HttpResponses.json(201, reply);
                })
                .on("PUT /api/shops/{shop}/saved-replies/{replyId}", request -> {
                    var reply = savedReply(request, Limits.atMost("replyId", request.path("replyId"), 64));
                    var shop = shops.show(shop(request)).id();
                    app.savedReplies().replace(shop, reply, app.access().savedReplyChanged(shop, request.requireCaller(), Access.ReplyChange.CHANGED, reply));
                    return HttpResponses.json(200, reply);
                })
                .on("DELETE /api/shops/{shop}/saved-replies/{replyId}", request -> {
                    var shop = shops.show(shop(request)).id();
                    var reply = app.savedReplies().find(shop, Limits.atMost("replyId", request.path("replyId"), 64))
                            .orElseThrow(() -> new NotFound("no such saved reply"));
                    app.savedReplies().delete(shop, reply.id(), app.access().savedReplyChanged(shop, request.requireCaller(), Access.ReplyChange.DELETED, reply));
                    return HttpResponses.json(200, Map.of("deleted", true));
                })
                .on("GET /api/shops/{shop}/tickets", request -> {
                    var shop = shops.show(shop(request));
                    var view = request.query("view").map(QueueView::fromSlug).orElse(QueueView.ALL);
                    return HttpResponses.json(200, TimelineJson.pageOf(tickets.queue(shop.id(), view, member(request), Pages.from(request))
                            .map(t -> TicketJson.view(t, tickets.slaCalendar(shop, t)))));
                })
                .on("POST /api/shops/{shop}/tickets", request -> {
                    var ticket = tickets.open(shop(request), TicketJson.newTicket(JsonViews.readObject(request.body(), TicketJson.NEW)), Optional.empty());
                    return ticketView(201, shops.show(ticket.shop()), ticket, tickets);
                })
                .on("GET /api/shops/{shop}/tickets/{ticketId}", request -> {
                    var shop = shops.show(shop(request));
                    var ticket = tickets.find(shop.id(), ticketId(request));
                    var first = PageRequest.first(50);
                    var wording = new TimelineJson.Wording(words, language(request, () -> Optional.of(shop.settings().defaultLanguage())));
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("ticket", TicketJson.view(ticket, tickets.slaCalendar(shop, ticket)));
                    body.put("ticketTimeline", TimelineJson.page(timelines.ticketTimeline(shop.id(), ticket.id(), first), wording));
                    body.put("customerTimeline", TimelineJson.page(timelines.customerTimeline(shop.id(), ticket.customer().email(), first), wording));
                    ticket.order().ifPresent(order -> body.put("orderTimeline", TimelineJson.page(timelines.orderTimeline(shop.id(), order, first), wording)));
                    body.put("attachments", attachments(app.receivedAttachments(shop.id(), ticket.id())));
                    return HttpResponses.json(200, body);
                })
                .on("GET /api/shops/{shop}/tickets/{ticketId}/attachments/{n}", request -> {
                    var shop = shops.show(shop(request));
                    var ticket = tickets.find(shop.id(), ticketId(request));
                    var attachments = app.receivedAttachments(shop.id(), ticket.id());
                    var attachment = attachments.get(attachmentIndex(request, attachments.size()));
                    return HttpResponses.json(200, Map.of("fileName", attachment.fileName(), "contentType", attachment.contentType(),
                            "size", attachment.size(), "url", app.inboundBucket().link(attachment, ATTACHMENT_LINK).toString(),
                            "expiresInSeconds", ATTACHMENT_LINK.toSeconds()));
                })
                .on("PATCH /api/shops/{shop}/tickets/{ticketId}", request -> {
                    var body = JsonViews.readObject(request.body(), TicketJson.CHANGES);
                    var ticket = tickets.change(shop(request), ticketId(request), TicketJson.version(body), TicketJson.changes(body, () -> me(request)),
                            agent(request, body));
                    return audited(request, app, Access.TicketWork.CHANGE, ticket);
                })
                .on("POST /api/shops/{shop}/tickets/{ticketId}/replies", request -> {
                    var body = JsonViews.readObject(request.body(), TicketJson.REPLY);
                    return answeredFirst(app, request, () -> audited(request, app, Access.TicketWork.REPLY,
                            tickets.reply(shop(request), ticketId(request), TicketJson.version(body), agent(request, body),
                                    JsonViews.requiredText(body, "message", Limits.MESSAGE_BYTES))));
                })
                .on("POST /api/shops/{shop}/tickets/{ticketId}/notes", request -> {
                    var body = JsonViews.readObject(request.body(), TicketJson.NOTE);
                    var mentioned = members(app, shop(request), TicketJson.mentions(body));
                    return answeredFirst(app, request, () -> audited(request, app, Access.TicketWork.NOTE,
                            tickets.note(shop(request), ticketId(request), TicketJson.version(body), agent(request, body),
                                    JsonViews.requiredText(body, "note", Limits.MESSAGE_BYTES), mentioned)));
                })
                .on("PUT /api/shops/{shop}/tickets/{ticketId}/presence", request -> {
                    var body = JsonViews.readObject(request.body(), PRESENCE);
                    var caller = request.requireCaller();
                    var beat = app.presence().beat(shop(request), ticketId(request), caller.identity(), caller.audit(),
                            Presence.Activity.fromSlug(JsonViews.requiredText(body, "activity", Limits.TEXT_BYTES)));
                    return HttpResponses.json(200, presence(beat, caller));
                })
                .on("GET /api/shops/{shop}/presence", request -> {
                    var caller = request.requireCaller();
                    return HttpResponses.json(200, Map.of("items", app.presence().live(shop(request)).stream().map(p -> presence(p, caller)).toList()));
                });
    }

    /** A heartbeat as the console reads it; {@code mine} marks the caller's own, which it does not show. */
    private static Map<String, Object> presence(Presence p, Caller caller) {
        return Map.of("ticketId", p.ticketId(), "who", p.who(), "activity", p.activity().slug(), "at", p.at().toString(),
                "mine", p.holder().equals(caller.identity()));
    }

    /**
     * A reply or note written on a version someone else changed meanwhile: 409 with the ticket as it is now and its
     * latest reply, so the console can show who answered first while the writer keeps their draft.
     */
    private static APIGatewayV2HTTPResponse answeredFirst(Aftercare app, HttpRequest request, Supplier<APIGatewayV2HTTPResponse> write) {
        try {
            return write.get();
        } catch (ChangedMeanwhile meanwhile) {
            var shop = app.shops().show(shop(request));
            var ticket = app.tickets().find(shop.id(), ticketId(request));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "conflict");
            body.put("message", meanwhile.getMessage());
            body.put("ticket", TicketJson.view(ticket, app.tickets().slaCalendar(shop, ticket)));
            app.timelines().ticketTimeline(shop.id(), ticket.id(), PageRequest.first(50)).items().stream() // newest first
                    .filter(entry -> entry.kind() == EntryKind.AGENT_REPLIED && entry.text() instanceof EntryText.Phrased)
                    .findFirst()
                    .ifPresent(entry -> {
                        var params = ((EntryText.Phrased) entry.text()).params();
                        body.put("lastReply", Map.of("by", text(params.get("agent")), "at", entry.at().toString(),
                                "excerpt", text(params.get("excerpt"))));
                    });
            return HttpResponses.json(409, body);
        }
    }

    private static String text(EntryParam param) {
        return param instanceof EntryParam.Text text ? text.value() : "";
    }

    /** The ticket as changed, once its change is on the shop's audit trail too. */
    private static APIGatewayV2HTTPResponse audited(HttpRequest request, Aftercare app, Access.TicketWork work, Ticket ticket) {
        app.access().ticketWork(ticket.shop(), request.requireCaller(), work, ticket.number(), ticket.id(), ticket.version());
        return ticketView(200, app.shops().show(ticket.shop()), ticket, app.tickets());
    }

    /** The admin API's {@code support} view, and the second-factor rule. */
    private static Map<String, Object> ownerSettings(Aftercare app, Shop shop) {
        return Map.of("support", SupportJson.view(shop.settings().support()), "requireSecondFactor", app.access().requiresSecondFactor(shop.id()));
    }

    private static SavedReply savedReply(HttpRequest request, String id) {
        var body = JsonViews.readObject(request.body(), SAVED_REPLY);
        return new SavedReply(id, JsonViews.requiredText(body, "title", SavedReply.TITLE_BYTES), JsonViews.requiredText(body, "body", SavedReply.BODY_BYTES));
    }

    /** The members with these ids (as the members list names them); an id of no member of the shop is refused. */
    private static List<EmailAddress> members(Aftercare app, ShopId shop, Set<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, EmailAddress> members = new HashMap<>();
        app.access().members(shop).forEach(member -> members.put(member.id(), member.email()));
        return ids.stream().map(id -> Optional.ofNullable(members.get(id))
                .orElseThrow(() -> new InvalidInput("mentions", "a mention names someone who is not a member of this shop"))).toList();
    }

    /** The signed-in person calling, for {@code "assignee": "me"}: a token or the admin token is nobody to assign. */
    private static EmailAddress me(HttpRequest request) {
        return member(request).orElseThrow(() -> new InvalidInput("assignee", "\"me\" is the signed-in person; a token names the assignee's address"));
    }

    /** The signed-in person calling, if it is one. */
    private static Optional<EmailAddress> member(HttpRequest request) {
        return request.requireCaller() instanceof Caller.Person person ? Optional.of(person.email()) : Optional.empty();
    }

    /** Who the timelines name: the signed-in person or the token; under the admin token, whom the body names. */
    private static String agent(HttpRequest request, JsonNode body) {
        return switch (request.requireCaller()) {
            case Caller.BreakGlass admin -> TicketJson.agent(body);
            case Caller named -> named.audit();
        };
    }

    private static APIGatewayV2HTTPResponse ticketView(int status, Shop shop, Ticket ticket, TicketService tickets) {
        return HttpResponses.json(status, TicketJson.view(ticket, tickets.slaCalendar(shop, ticket)));
    }

    /** The shop is read only when the request names no language. */
    private static TimelineJson.Wording wording(HttpRequest request, TimelineWording words, ShopAdmin shops) {
        return new TimelineJson.Wording(words, language(request, () -> {
            try {
                return Optional.of(shops.show(shop(request)).settings().defaultLanguage());
            } catch (NotFound unknownShop) { // its timeline is empty: any language says so
                return Optional.empty();
            }
        }));
    }

    /**
     * The language timelines are worded in: {@code ?lang=} (refused unless supported), else the first supported one of
     * {@code Accept-Language} (a malformed header is ignored), else the shop's, else English.
     */
    static Language language(HttpRequest request, Supplier<Optional<Language>> shopDefault) {
        Optional<String> asked = request.query("lang");
        if (asked.isPresent()) {
            return Language.fromLocale(asked.get()).orElseThrow(() -> new InvalidInput("lang", "one of "
                    + String.join(", ", Arrays.stream(Language.values()).map(Language::code).toList())));
        }
        return request.header("accept-language").flatMap(AgentApiHandler::accepted).or(shopDefault).orElse(Language.EN);
    }

    private static Optional<Language> accepted(String header) {
        try {
            return Locale.LanguageRange.parse(header).stream().filter(range -> range.getWeight() > 0)
                    .flatMap(range -> Language.fromLocale(range.getRange()).stream()).findFirst();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static ShopId shop(HttpRequest request) {
        return new ShopId(request.path("shop"));
    }

    /** No ticket has a longer id, and a longer one would not fit a key: refused before any read. */
    /** What the ticket view lists of the files customers sent: {@code n} opens one through the attachment route. */
    private static List<Map<String, Object>> attachments(List<io.aftercare.domain.inbound.StoredAttachment> stored) {
        List<Map<String, Object>> views = new java.util.ArrayList<>();
        for (int n = 0; n < stored.size(); n++) {
            var a = stored.get(n);
            views.add(Map.of("n", n, "fileName", a.fileName(), "contentType", a.contentType(), "size", a.size(), "kept", a.kept()));
        }
        return views;
    }

    /** The {@code n} of an attachment route: one of the ticket's attachments, counted from 0 in the order received. */
    private static int attachmentIndex(HttpRequest request, int attachments) {
        String n = request.path("n");
        if (!n.matches("\\d{1,4}") || Integer.parseInt(n) >= attachments) {
            throw new NotFound("no such attachment");
        }
        return Integer.parseInt(n);
    }

    private static String ticketId(HttpRequest request) {
        return Limits.atMost("ticketId", request.path("ticketId"), Limits.ID_BYTES);
    }

    private static OrderId order(HttpRequest request) {
        return new OrderId(request.path("orderId"));
    }

    private static EmailAddress email(HttpRequest request) {
        String email = request.path("email");
        if (!EmailAddress.isValid(email)) {
            throw new InvalidInput("email", "not an email address");
        }
        return new EmailAddress(email);
    }
}
