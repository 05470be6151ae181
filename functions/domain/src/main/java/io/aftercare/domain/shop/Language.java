package io.aftercare.domain.shop;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages Aftercare writes its emails in. */
public enum Language {
    EN, RU, RO, PL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    /** {@code pl}, {@code pl-PL}, {@code pl_PL} and {@code PL} all give Polish; an unsupported locale gives nothing. */
    public static Optional<Language> fromLocale(String locale) {
        if (locale == null || locale.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(locale.trim().replace('_', '-')).getLanguage();
        return Arrays.stream(values()).filter(l -> l.code().equals(language)).findFirst();
    }
}
