package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/** What no captured log may hold: an address unmasked, a URL, a stack trace (its messages are raw), or a given secret. */
final class LogScan {

    /** A word character right before the {@code @}: masked addresses ({@code j***@example.com}) do not match. */
    private static final Pattern ADDRESS = Pattern.compile("[\\w.+-]*\\w@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern URL = Pattern.compile("https?://");
    /** A frame as a plain line or inside a JSON line's stringified stack ({@code \tat ...}), or a JSON line's exception. */
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(|^Caused by: |\\\\tat |\"stack\"");

    private LogScan() {
    }

    static void assertClean(String log, String... secrets) {
        assertThat(ADDRESS.matcher(log).results().map(m -> m.group()).toList()).as("unmasked addresses").isEmpty();
        assertThat(URL.matcher(log).find()).as("a URL in\n" + log).isFalse();
        assertThat(STACK_FRAME.matcher(log).find()).as("a stack trace in\n" + log).isFalse();
        assertThat(log).doesNotContain(secrets);
    }
}
