package io.aftercare.domain.timeline;

import io.aftercare.domain.Money;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What an entry says: a phrase and its typed parameters, or (for entries stored before phrases) the sentence stored then. */
public sealed interface EntryText {

    static Phrased of(Phrase phrase) {
        return new Phrased(phrase, Map.of());
    }

    /** @param params only names the phrase declares */
    record Phrased(Phrase phrase, Map<String, EntryParam> params) implements EntryText {

        public Phrased {
            for (String name : params.keySet()) {
                if (!phrase.params().contains(name)) {
                    throw new IllegalArgumentException(phrase + " has no parameter " + name);
                }
            }
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        public Phrased with(String name, EntryParam value) {
            Map<String, EntryParam> next = new LinkedHashMap<>(params);
            next.put(name, value);
            return new Phrased(phrase, next);
        }

        public Phrased text(String name, String value) {
            return with(name, new EntryParam.Text(value));
        }

        public Phrased text(String name, Optional<String> value) {
            return value.map(v -> text(name, v)).orElse(this);
        }

        public Phrased code(String name, Vocabulary vocabulary, Enum<?> value) {
            return with(name, vocabulary.code(value));
        }

        public Phrased amount(String name, Money value) {
            return with(name, new EntryParam.Amount(value));
        }

        public Phrased moment(String name, Instant at, ZoneId zone) {
            return with(name, new EntryParam.Moment(at, zone));
        }

        public Phrased count(String name, long value) {
            return with(name, new EntryParam.Count(value));
        }

        public Phrased flag(String name, boolean holds) {
            return holds ? with(name, new EntryParam.Flag()) : this;
        }
    }

    /** Written before entries had phrases: shown as it is, in the language it was written in. */
    record Stored(String summary) implements EntryText {
    }
}
