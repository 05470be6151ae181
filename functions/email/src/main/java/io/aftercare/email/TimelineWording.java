package io.aftercare.email;

import io.aftercare.domain.Money;
import io.aftercare.domain.action.ActionWorker;
import io.aftercare.domain.email.EmailPolicy;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.EntryText;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Timeline entries in words, in a language: the phrase's message ({@code timeline.<phrase>}) with its parameters
 * formatted for the language (money and moments as the emails write them, codes by their {@code code.<vocabulary>.<code>}
 * message, counts with their plural form as {@code <name>_one}, {@code _few}, {@code _many} or {@code _other}).
 */
public final class TimelineWording {

    /** Fixed figures the codes' texts may name. */
    private static final Map<String, Object> FIGURES = Map.of(
            "frequencyCapHours", EmailPolicy.FREQUENCY_CAP.toHours(), "maxAttempts", ActionWorker.MAX_ATTEMPTS);

    /** The parameter only staff notices' phrases have. */
    private static final String NOTIFIED_BY = "nobody";

    private final Messages messages = Messages.shared();

    /** An entry stored before phrases says what it said then. */
    public String summary(EntryText text, Language language) {
        return switch (text) {
            case EntryText.Stored stored -> stored.summary();
            case EntryText.Phrased phrased -> messages.text(language, "timeline." + phrased.phrase().slug(), model(phrased, language));
        };
    }

    private Map<String, Object> model(EntryText.Phrased phrased, Language language) {
        Locale locale = language.locale();
        Map<String, Object> model = new HashMap<>(FIGURES);
        phrased.params().forEach((name, param) -> {
            switch (param) {
                case EntryParam.Text text -> model.put(name, text.value());
                case EntryParam.Code code -> model.put(name, code(code, language));
                case EntryParam.Amount amount -> model.put(name, money(amount.money(), locale));
                case EntryParam.Moment moment -> model.put(name, DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                        .withLocale(locale).format(moment.at().atZone(moment.zone())) + " (" + moment.zone().getId() + ")");
                case EntryParam.Count count -> {
                    model.put(name, NumberFormat.getIntegerInstance(locale).format(count.value()));
                    model.put(name + "_" + plural(language, count.value()), true);
                }
                case EntryParam.Flag flag -> model.put(name, true);
            }
        });
        if (phrased.phrase().params().contains(NOTIFIED_BY)) { // a staff notice's entry says whom it reached, in one shared wording
            model.put("notified", messages.text(language, "timeline.notified", model));
        }
        return model;
    }

    /** A code no message names (one added since, or from a newer version) is shown as the code. */
    private String code(EntryParam.Code code, Language language) {
        String key = "code." + code.vocabulary() + "." + code.value().toLowerCase(Locale.ROOT);
        return messages.has(language, key) ? messages.text(language, key, FIGURES) : code.value();
    }

    private static String money(Money money, Locale locale) {
        try {
            return MustacheEmailRenderer.money(money, locale);
        } catch (IllegalArgumentException notIso) { // a currency code Java does not know
            return money.toString();
        }
    }

    /** The plural form a count takes (CLDR's cardinal rules for whole numbers). */
    static String plural(Language language, long n) {
        long mod10 = n % 10;
        long mod100 = n % 100;
        boolean few = mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14);
        return switch (language) {
            case EN -> n == 1 ? "one" : "other";
            case RU -> mod10 == 1 && mod100 != 11 ? "one" : few ? "few" : "many";
            case PL -> n == 1 ? "one" : few ? "few" : "many";
            case RO -> n == 1 ? "one" : n == 0 || (mod100 >= 1 && mod100 <= 19) ? "few" : "other";
        };
    }
}
