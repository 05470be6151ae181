package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** The functions' own log configuration (tests log through the devkit's instead): read as Lambda's JVM reads it. */
class LogConfigurationTest {

    @Test
    void givenTheFunctionsLogConfiguration_whenRead_thenEventsGoToStandardOutputAsPowertoolsJsonLinesAndTheSdkOnlyWarns() throws Exception {
        var url = LogConfigurationTest.class.getResource("/log4j2.properties");
        var context = new LoggerContext("functions-log-configuration");
        try (var in = url.openStream()) {
            var configuration = new PropertiesConfigurationFactory().getConfiguration(context, new ConfigurationSource(in, url));
            configuration.initialize();

            assertThat(configuration.getAppenders()).containsOnlyKeys("Json");
            ConsoleAppender console = configuration.getAppender("Json");
            assertThat(console.getTarget()).isEqualTo(ConsoleAppender.Target.SYSTEM_OUT);
            assertThat(console.getLayout()).isInstanceOf(JsonTemplateLayout.class);
            String line = (String) console.getLayout().toSerializable(Log4jLogEvent.newBuilder().setLoggerName("io.aftercare.lambda.WebhookHandler")
                    .setLevel(Level.INFO).setMessage(new SimpleMessage("webhook recorded")).build());
            assertThat(line).startsWith("{\"level\":\"INFO\",\"message\":\"webhook recorded\",").contains("\"function_request_id\":").endsWith("}\n");
            assertThat(configuration.getRootLogger().getAppenderRefs()).singleElement().satisfies(ref -> assertThat(ref.getRef()).isEqualTo("Json"));
            assertThat(configuration.getLoggerConfig("software.amazon.awssdk.request").getLevel()).isEqualTo(Level.WARN);
            assertThat(configuration.getLoggerConfig("com.amazonaws.services.dynamodbv2.local.server").getLevel()).isEqualTo(Level.ERROR);
        } finally {
            context.stop();
        }
    }
}
