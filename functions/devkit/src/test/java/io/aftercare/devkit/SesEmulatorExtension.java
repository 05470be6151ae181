package io.aftercare.devkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** JUnit 5 extension: one SES emulator process per test JVM, stopped when the run ends. Tests tell their mail apart by recipient. */
public final class SesEmulatorExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SesEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SesEmulatorExtension.class))
                .getOrComputeIfAbsent("ses-emulator", key -> SesEmulator.start(), SesEmulator.class);
    }
}
