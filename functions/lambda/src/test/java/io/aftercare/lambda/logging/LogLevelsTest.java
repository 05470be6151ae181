package io.aftercare.lambda.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LogLevelsTest {

    @Test
    void givenNoLevelInTheEnvironment_whenRead_thenInfoAndAbove() {
        var levels = LogLevels.from(Map.of());

        assertThat(levels.threshold("io.aftercare.lambda.WebhookHandler")).isEqualTo(Level.INFO.toInt());
    }

    @Test
    void givenAftercaresLevel_whenRead_thenItWinsOverLambdasAndIsReadWhateverItsCase() {
        var levels = LogLevels.from(Map.of("AFTERCARE_LOG_LEVEL", "warn", "AWS_LAMBDA_LOG_LEVEL", "DEBUG"));

        assertThat(levels.threshold("io.aftercare.lambda.WebhookHandler")).isEqualTo(Level.WARN.toInt());
    }

    @Test
    void givenOnlyLambdasLevel_whenRead_thenItIsUsed() {
        assertThat(LogLevels.from(Map.of("AWS_LAMBDA_LOG_LEVEL", "DEBUG")).threshold("io.aftercare.X")).isEqualTo(Level.DEBUG.toInt());
    }

    @Test
    void givenAMisspeltLevel_whenRead_thenInfoRatherThanSilence() {
        assertThat(LogLevels.from(Map.of("AFTERCARE_LOG_LEVEL", "LOUD")).threshold("io.aftercare.X")).isEqualTo(Level.INFO.toInt());
    }

    @Test
    void givenOff_whenRead_thenNothingIsWritten() {
        assertThat(LogLevels.from(Map.of("AFTERCARE_LOG_LEVEL", "OFF")).threshold("io.aftercare.X")).isEqualTo(LogLevels.OFF);
    }

    @Test
    void givenDebug_whenALibraryLogs_thenItStillWritesOnlyAtItsOwnLevelAndTheLongestPrefixDecides() {
        var levels = LogLevels.from(Map.of("AFTERCARE_LOG_LEVEL", "DEBUG"));

        assertThat(levels.threshold("software.amazon.awssdk.request")).isEqualTo(Level.WARN.toInt());
        assertThat(levels.threshold("com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler")).isEqualTo(Level.ERROR.toInt());
        assertThat(levels.threshold("org.eclipse.jetty.server.Server")).isEqualTo(Level.WARN.toInt());
        assertThat(levels.threshold("org.eclipse.jetty.http.HttpParser")).isEqualTo(Level.ERROR.toInt());
        assertThat(levels.threshold("com.robothy.s3.rest.LocalS3")).isEqualTo(LogLevels.OFF);
        assertThat(levels.threshold("org.eclipse.jettyish.Other")).isEqualTo(Level.DEBUG.toInt());
    }

    @Test
    void givenError_whenALibraryLogsAWarning_thenTheStricterLevelWins() {
        assertThat(LogLevels.from(Map.of("AFTERCARE_LOG_LEVEL", "ERROR")).threshold("software.amazon.awssdk.request")).isEqualTo(Level.ERROR.toInt());
    }
}
