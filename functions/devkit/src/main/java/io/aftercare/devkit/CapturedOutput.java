package io.aftercare.devkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What code writes to standard output while it runs: the functions' JSON logs and EMF metrics, for tests to read. */
public final class CapturedOutput {

    public interface Run {
        void run() throws Exception;
    }

    private CapturedOutput() {
    }

    public static String of(Run run) throws Exception {
        PrintStream original = System.out;
        var buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
