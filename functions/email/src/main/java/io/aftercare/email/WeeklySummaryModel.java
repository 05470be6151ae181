package io.aftercare.email;

import io.aftercare.domain.Money;
import io.aftercare.domain.metrics.WeeklySummary;
import io.aftercare.domain.shop.Language;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the weekly summary's templates show, written the reader's way: each figure's label (the
 * {@code weekly-summary.figure.*} messages), the week's value, the four weeks' mean and the change, "n/a" (the
 * {@code weekly-summary.none} message) where there is nothing to show; the loyalty groups that have customers, and the
 * differences between groups that are clear. Every value is text the templates escape.
 */
final class WeeklySummaryModel {

    static final String KIND = "weekly-summary";
    private static final BigDecimal HOUR = BigDecimal.valueOf(3600);

    private final Messages messages;
    private final Language language;
    private final Locale locale;

    WeeklySummaryModel(Messages messages, Language language) {
        this.messages = messages;
        this.language = language;
        this.locale = language.locale();
    }

    /** Adds the summary's values to {@code model} (which holds the brand's already). */
    void fill(Map<String, Object> model, WeeklySummary summary, URI metricsPage) {
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        model.put("from", date.format(summary.monday()));
        model.put("to", date.format(summary.sunday()));
        model.put("loyaltyFrom", date.format(summary.loyaltyFrom()));
        model.put("metricsUrl", metricsPage.toString());
        model.put("empty", summary.empty());
        model.put("rows", summary.rows().stream().map(this::row).toList());
        List<Map<String, Object>> groups = summary.groups().stream().filter(g -> g.customers() > 0).map(this::group).toList();
        model.put("groups", groups);
        model.put("noGroups", groups.isEmpty());
        model.put("comparable", summary.comparable());
        model.put("differences", summary.differences().stream().filter(WeeklySummary.Difference::clear).map(this::difference).toList());
    }

    private Map<String, Object> row(WeeklySummary.Row row) {
        Map<String, Object> view = new HashMap<>();
        view.put("label", messages.text(language, KIND + ".figure." + row.figure().slug(), Map.of("currency", row.currency().orElse(""))));
        WeeklySummary.Unit unit = row.figure().unit();
        view.put("week", row.week().map(v -> value(unit, v, row.currency())).orElseGet(this::none));
        view.put("mean", row.mean().map(v -> value(unit, v, row.currency())).orElseGet(this::none));
        view.put("change", row.change().map(v -> change(unit, v)).orElseGet(this::none));
        return view;
    }

    private String value(WeeklySummary.Unit unit, BigDecimal value, Optional<String> currency) {
        return switch (unit) {
            case COUNT, SCORE -> decimal(2).format(value);
            case MONEY -> MustacheEmailRenderer.money(new Money(value.setScale(2, RoundingMode.HALF_EVEN), currency.orElseThrow()), locale);
            case SHARE -> percent(false).format(value);
            case SECONDS -> value.compareTo(HOUR) < 0
                    ? messages.text(language, KIND + ".minutes", Map.of("n", decimal(0).format(value.divide(BigDecimal.valueOf(60), 0, RoundingMode.HALF_EVEN))))
                    : messages.text(language, KIND + ".hours", Map.of("n", decimal(1).format(value.divide(HOUR, 1, RoundingMode.HALF_EVEN))));
        };
    }

    /** Relative for counts, money and durations (+25%), in percentage points for shares, the difference for scores. */
    private String change(WeeklySummary.Unit unit, BigDecimal change) {
        boolean rise = change.signum() > 0;
        if (unit.relativeChange()) {
            return percent(rise).format(change);
        }
        if (unit == WeeklySummary.Unit.SHARE) {
            return messages.text(language, KIND + ".points", Map.of("n", (rise ? signed(decimal(1)) : decimal(1)).format(change.movePointRight(2))));
        }
        return (rise ? signed(decimal(2)) : decimal(2)).format(change);
    }

    private Map<String, Object> group(WeeklySummary.Group group) {
        Map<String, Object> view = new HashMap<>();
        view.put("label", messages.text(language, KIND + ".group." + group.experience().slug(), Map.of()));
        view.put("customers", group.customers());
        view.put("repeaters", group.repeaters());
        group.repeatRate().ifPresent(rate -> {
            view.put("rate", share(rate.rate()));
            view.put("low", share(rate.low()));
            view.put("high", share(rate.high()));
        });
        return view;
    }

    private Map<String, Object> difference(WeeklySummary.Difference difference) {
        Map<String, Object> view = new HashMap<>();
        view.put("group", messages.text(language, KIND + ".group." + difference.group().slug(), Map.of()));
        view.put("against", messages.text(language, KIND + ".group." + difference.against().slug(), Map.of()));
        view.put("difference", messages.text(language, KIND + ".points", Map.of("n", points(difference.difference()))));
        view.put("low", points(difference.low()));
        view.put("high", points(difference.high()));
        return view;
    }

    /** A difference of two shares in percentage points, a rise with its plus sign. */
    private String points(double difference) {
        return (difference > 0 ? signed(decimal(1)) : decimal(1)).format(difference * 100);
    }

    private String share(double share) {
        return percent(false).format(share);
    }

    private String none() {
        return messages.text(language, KIND + ".none", Map.of());
    }

    private NumberFormat decimal(int digits) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(digits);
        format.setRoundingMode(RoundingMode.HALF_EVEN);
        return format;
    }

    private NumberFormat percent(boolean signed) {
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMaximumFractionDigits(1);
        format.setRoundingMode(RoundingMode.HALF_EVEN);
        return signed ? signed(format) : format;
    }

    /** A rise shows its plus sign: {@code +12.5%}. */
    private static NumberFormat signed(NumberFormat format) {
        if (format instanceof DecimalFormat decimal) {
            decimal.setPositivePrefix("+" + decimal.getPositivePrefix());
        }
        return format;
    }
}
