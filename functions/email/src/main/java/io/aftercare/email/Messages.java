package io.aftercare.email;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.aftercare.domain.shop.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Every text Aftercare shows customers, one file per language ({@code messages/<lang>.properties}, UTF-8). A message
 * is itself a small Mustache template ({@code Thank you, {{name}}!}), rendered unescaped: whatever places it into
 * HTML escapes it there.
 */
final class Messages {

    private final Map<Language, Map<String, Template>> byLanguage = new EnumMap<>(Language.class);

    /** Loaded once per JVM, when the first email, page or timeline is worded: the files never change while it runs. */
    private static final class Shared {
        static final Messages INSTANCE = new Messages();
    }

    static Messages shared() {
        return Shared.INSTANCE;
    }

    private Messages() {
        Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).defaultValue("");
        for (Language language : Language.values()) {
            Map<String, Template> compiled = new HashMap<>();
            load(language).forEach((key, text) -> compiled.put((String) key, compiler.compile((String) text)));
            byLanguage.put(language, compiled);
        }
    }

    String text(Language language, String key, Map<String, Object> model) {
        Template template = byLanguage.get(language).get(key);
        if (template == null) {
            throw new IllegalStateException("no message " + key + " in " + language.code());
        }
        return template.execute(model).strip();
    }

    boolean has(Language language, String key) {
        return byLanguage.get(language).containsKey(key);
    }

    /** The messages under {@code prefix.} (with the prefix dropped), plus the prefix-free ones (footer, ...). */
    Map<String, String> section(Language language, String prefix, Map<String, Object> model) {
        Map<String, String> texts = new HashMap<>();
        byLanguage.get(language).forEach((key, template) -> {
            if (key.startsWith(prefix + ".")) {
                texts.put(key.substring(prefix.length() + 1), template.execute(model).strip());
            } else if (!key.contains(".")) {
                texts.put(key, template.execute(model).strip());
            }
        });
        return texts;
    }

    private static Properties load(Language language) {
        String path = "/io/aftercare/email/messages/" + language.code() + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
