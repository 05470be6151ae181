package io.aftercare.domain.metrics;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.access.Member;
import io.aftercare.domain.access.Preferences;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ActionOutcome;
import io.aftercare.domain.action.ActionStore;
import io.aftercare.domain.action.ActionWorker.Handled;
import io.aftercare.domain.action.ActionWorker.Result;
import io.aftercare.domain.action.ActionWorker.Runner;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.email.EmailRejected;
import io.aftercare.domain.email.EmailRenderer;
import io.aftercare.domain.email.EmailSender;
import io.aftercare.domain.email.OutgoingEmail;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Role;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The weekly summary: every Monday at {@link #SENT_AT} in the shop's time zone, the week that ended (Monday to
 * Sunday) against the four before it, with the loyalty report, to each owner and manager of the shop (never agents
 * or leads) who has not turned it off, in their language. It is a due action keyed by the shop and the ISO week it
 * tells of ({@code weekly-summary#<shop>~2026-W49}): the shop's first is written when it is registered or its settings
 * are saved, each next one before the one sent is completed, so a sweep that missed its hour sends it late but once. One
 * found when a newer week has ended too (the sweeps stopped for more than a week) is skipped for the latest week's:
 * one email after an outage, about the week just ended. Each recipient's outcome is recorded as it goes, so a retry
 * skips whoever was reached.
 */
public final class WeeklySummaries implements Runner {

    /** When it goes out, in the shop's time zone, on Mondays. */
    public static final LocalTime SENT_AT = LocalTime.of(8, 0);
    private static final String SENT = "sent";
    private static final String REFUSED = "refused: ";

    /** Port: the shop's daily aggregates from one day to another, both included. */
    public interface Days {
        Map<LocalDate, Tally> between(ShopId shop, LocalDate from, LocalDate to);
    }

    /** Port: the summary's email in a language, linking to the console's metrics page. */
    public interface Renderer {
        EmailRenderer.Rendered render(WeeklySummary summary, ShopSettings shop, Language language, URI metricsPage);
    }

    private final ActionStore actions;
    private final ShopCache shops;
    private final Function<ShopId, List<Member>> members;
    private final Preferences.Store preferences;
    private final Days days;
    private final Renderer renderer;
    private final EmailSender sender;
    private final Supplier<URI> console;
    private final Clock clock;

    /** @param console where the console is served: the email links to its metrics page */
    public WeeklySummaries(ActionStore actions, ShopCache shops, Function<ShopId, List<Member>> members, Preferences.Store preferences, Days days,
                           Renderer renderer, EmailSender sender, Supplier<URI> console, Clock clock) {
        this.actions = actions;
        this.shops = shops;
        this.members = members;
        this.preferences = preferences;
        this.days = days;
        this.renderer = renderer;
        this.sender = sender;
        this.console = console;
        this.clock = clock;
    }

    /** Writes the shop's next summary unless it is written already: when the shop is registered or its settings saved. */
    public void scheduleNext(Shop shop) {
        actions.schedule(shop.id(), next(shop.id(), shop.settings().timeZone(), clock.instant()), clock.instant());
    }

    /** The first summary due after {@code after}: the next Monday's at {@link #SENT_AT} in {@code zone}, about the week before it. */
    public static DueAction next(ShopId shop, ZoneId zone, Instant after) {
        return of(shop, zone, new ActionDetail.Week(latest(zone, after).monday().plusWeeks(1)));
    }

    /** The week whose summary fell due last by {@code now}. */
    static ActionDetail.Week latest(ZoneId zone, Instant now) {
        LocalDate monday = now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        if (monday.atTime(SENT_AT).atZone(zone).toInstant().isAfter(now)) {
            monday = monday.minusWeeks(1);
        }
        return new ActionDetail.Week(monday.minusWeeks(1));
    }

    /** The summary of {@code week}, due the Monday after it. */
    private static DueAction of(ShopId shop, ZoneId zone, ActionDetail.Week week) {
        return DueAction.of(ActionKind.WEEKLY_SUMMARY, Subject.shop(shop), week, week.monday().plusWeeks(1).atTime(SENT_AT).atZone(zone).toInstant());
    }

    @Override
    public Result run(ClaimedAction action) {
        Optional<Shop> found = shops.find(action.shop());
        if (found.isEmpty()) { // erased: nothing to tell, and no next week
            return end(action, ActionOutcome.skipped(Reason.SHOP_GONE), List.of());
        }
        Shop shop = found.get();
        ZoneId zone = shop.settings().timeZone();
        ActionDetail.Week week = action.detail(ActionDetail.Week.class);
        ActionDetail.Week latest = latest(zone, clock.instant());
        if (week.monday().isBefore(latest.monday())) {
            // a week or more late (the sweeps stopped): the latest week's summary, due already, replaces it
            actions.schedule(shop.id(), of(shop.id(), zone, latest), clock.instant());
            return end(action, ActionOutcome.skipped(Reason.SUPERSEDED), List.of());
        }
        Instant mondayMorning = of(shop.id(), zone, week).dueAt();
        if (mondayMorning.isAfter(clock.instant())) {
            // the shop moved west since this was written: its Monday morning is still to come (one moved east is sent now, late once)
            return actions.reschedule(action, mondayMorning, List.of(), Optional.empty())
                    ? Result.of(Handled.POSTPONED, Reason.REPLANNED) : Result.of(Handled.STALE);
        }
        List<Member> leading = members.apply(shop.id()).stream().filter(m -> m.role() == Role.OWNER || m.role() == Role.MANAGER).toList();
        // each in the language they chose in the console, else the one they were invited in
        Map<Member, Language> to = new LinkedHashMap<>();
        List<Member> optedOut = new ArrayList<>();
        for (Member member : leading) {
            Optional<Preferences> saved = preferences.find(member.email());
            if (saved.map(Preferences::weeklySummary).orElse(Preferences.WEEKLY_SUMMARY_BY_DEFAULT)) {
                to.put(member, saved.map(Preferences::language).orElse(member.language()));
            } else {
                optedOut.add(member);
            }
        }
        Optional<Map<String, String>> before = actions.beginSendingToEach(action, clock.instant());
        if (before.isEmpty()) {
            return Result.of(Handled.STALE);
        }
        Map<EmailAddress, String> outcomes = new LinkedHashMap<>();
        if (!to.isEmpty()) {
            WeeklySummary summary = WeeklySummary.of(week.monday(), days.between(shop.id(), week.sunday().minusDays(WeeklySummary.LOYALTY_DAYS - 1L), week.sunday()));
            URI metricsPage = URI.create(console.get().toString().replaceAll("/+$", "") + "/console/metrics");
            for (var recipient : to.entrySet()) {
                Member member = recipient.getKey();
                String outcome = before.get().get(member.id());
                if (outcome == null) {
                    outcome = send(shop, member, renderer.render(summary, shop.settings(), recipient.getValue(), metricsPage));
                    if (!actions.recordRecipient(action, member.id(), outcome)) {
                        return Result.of(Handled.STALE);
                    }
                }
                outcomes.put(member.email(), outcome);
            }
        }
        // the next week's is written before this one ends: a crash between the two writes it again, which changes nothing
        actions.schedule(shop.id(), of(shop.id(), zone, new ActionDetail.Week(week.monday().plusWeeks(1))), clock.instant());
        List<String> reached = outcomes.entrySet().stream().filter(o -> o.getValue().equals(SENT)).map(o -> o.getKey().masked()).toList();
        List<String> refused = outcomes.entrySet().stream().filter(o -> !o.getValue().equals(SENT)).map(o -> o.getKey().masked()).toList();
        var said = EntryText.of(Phrase.WEEKLY_SUMMARY_SENT).text("week", week.idPart()).text("reached", joined(reached)).text("refused", joined(refused))
                .text("optedOut", joined(optedOut.stream().map(m -> m.email().masked()).toList())).flag("nobody", outcomes.isEmpty());
        var entry = new TimelineEntry("action-" + action.actionId() + "-sent", action.subject(), clock.instant(), EntryKind.EMAIL_SENT, said, Optional.empty());
        ActionOutcome outcome = outcomes.isEmpty() ? ActionOutcome.skipped(Reason.NO_RECIPIENTS)
                : reached.isEmpty() ? ActionOutcome.failed(Reason.REJECTED) : ActionOutcome.sent("summary");
        return end(action, outcome, List.of(entry));
    }

    private String send(Shop shop, Member member, EmailRenderer.Rendered email) {
        ShopSettings settings = shop.settings();
        try {
            // tagged as every notice to staff is: SES's suppression applies, and its events name no customer's email
            sender.send(new OutgoingEmail("Aftercare for " + settings.brandName(), settings.senderEmail(), settings.replyToEmail(), member.email(),
                    email.subject(), email.html(), email.text(), Map.of(), Map.of("shop", shop.id().value(), "kind", "staff-notice")));
            return SENT;
        } catch (EmailRejected rejected) {
            return REFUSED + rejected.getMessage();
        }
    }

    private static Optional<String> joined(List<String> addresses) {
        return addresses.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", addresses));
    }

    private Result end(ClaimedAction action, ActionOutcome outcome, List<TimelineEntry> entries) {
        if (!actions.complete(action, outcome, entries, Optional.empty())) {
            return Result.of(Handled.STALE);
        }
        return switch (outcome.result()) {
            case SENT -> Result.of(Handled.SENT);
            case SKIPPED -> Result.of(Handled.SKIPPED, outcome.reason().orElseThrow());
            case FAILED -> Result.of(Handled.FAILED, outcome.reason().orElseThrow());
        };
    }
}
