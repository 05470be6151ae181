package io.aftercare.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.shop.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What each email kind's descriptor promises is there: its templates, its messages in every language, its README row. */
class EmailKindResourcesTest {

    private static final String ROOT = "/io/aftercare/email/";

    @Test
    void givenEveryEmailKind_whenItsTemplatesAreLookedUp_thenItHasAnHtmlAndATextTemplate() throws IOException {
        for (EmailKind kind : EmailKind.values()) {
            for (String part : List.of(".html", ".text")) {
                try (InputStream in = getClass().getResourceAsStream(ROOT + "templates/" + kind.slug() + part + ".mustache")) {
                    assertThat(in).as(kind.slug() + part).isNotNull();
                }
            }
        }
    }

    @Test
    void givenEveryLanguage_whenItsMessagesAreRead_thenItHasTheSameKeysAsEnglishAndASubjectForEveryKind() throws IOException {
        Set<String> english = load(Language.EN).stringPropertyNames();
        for (Language language : Language.values()) {
            Set<String> keys = load(language).stringPropertyNames();
            assertThat(new TreeSet<>(keys)).as(language.code()).isEqualTo(new TreeSet<>(english));
            for (EmailKind kind : EmailKind.values()) {
                assertThat(keys).as(language.code()).contains(kind.slug() + ".subject");
            }
        }
    }

    @Test
    void givenReadmesTableOfValues_whenComparedWithTheDescriptors_thenEachOverridableKindDocumentsExactlyWhatItCarries() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("../../README.md")).stream()
                .dropWhile(line -> !line.startsWith("| kind | values | sections")).skip(2).takeWhile(line -> line.startsWith("|")).toList();
        assertThat(rows).isNotEmpty();
        for (EmailKind kind : EmailKind.overridableKinds()) {
            Set<String> documented = new TreeSet<>();
            for (String row : rows) {
                String kinds = row.split("\\|")[1].trim();
                if (kinds.equals("every kind") || Arrays.asList(kinds.split(",\\s*")).contains(kind.slug())) {
                    Matcher name = Pattern.compile("\\{\\{[#^/]?([A-Za-z]+)").matcher(row);
                    while (name.find()) {
                        documented.add(name.group(1));
                    }
                }
            }
            Set<String> carried = new HashSet<>(kind.variables());
            kind.sections().forEach((section, fields) -> {
                carried.add(section);
                carried.addAll(fields);
            });
            assertThat(documented).as(kind.slug()).isEqualTo(new TreeSet<>(carried));
        }
    }

    private static Properties load(Language language) throws IOException {
        var properties = new Properties();
        try (InputStream in = EmailKindResourcesTest.class.getResourceAsStream(ROOT + "messages/" + language.code() + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
