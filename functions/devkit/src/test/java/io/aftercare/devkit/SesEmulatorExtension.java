package io.aftercare.devkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one SES emulator process per test JVM (started on first use, stopped when the test run ends), and
 * a {@link SesMailbox} on it for each test that asks for one (in {@code @BeforeEach} or the test: that test's emails;
 * in {@code @BeforeAll}: the class's), the same one however often the test asks.
 */
public final class SesEmulatorExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SesEmulatorExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SesMailbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        var emulator = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("ses-emulator", key -> SesEmulator.start(), SesEmulator.class);
        // keyed by the asking context, as a store also answers with its parents' values: a test's own, not its class's
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(context.getUniqueId(), key -> new SesMailbox(emulator), SesMailbox.class);
    }
}
