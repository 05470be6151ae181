package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AftercareConfigTest {

    @Test
    void givenAnEmptyEnvironment_whenRead_thenStartUpFailsNamingTheTableVariable() {
        assertThatThrownBy(() -> AftercareConfig.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AFTERCARE_TABLE");
    }

    @Test
    void givenTheDeployedEnvironment_whenRead_thenSecretsComeFromSecretsManagerAndTheRestIsTyped() {
        var config = AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "aftercare-prod",
                "AFTERCARE_ADMIN_TOKEN_SECRET", "aftercare/prod/admin-token", "AFTERCARE_LINK_KEY_SECRET", "aftercare/prod/link-key",
                "AFTERCARE_PUBLIC_URL", "https://api.example/prod", "AFTERCARE_ACTION_QUEUE_URL", "https://sqs.example/q"));

        assertThat(config.tableName()).isEqualTo("aftercare-prod");
        assertThat(config.adminToken()).contains(new AftercareConfig.SecretSource.FromSecret("aftercare/prod/admin-token"));
        assertThat(config.publicUrl()).contains(URI.create("https://api.example/prod"));
        assertThat(config.sesConfigurationSet()).isEmpty();
    }

    @Test
    void givenAFunctionThatNeedsAnUnsetValue_whenItStarts_thenTheMessageNamesTheVariableAndWhatItIsFor() {
        var config = AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t"));

        assertThatThrownBy(() -> AftercareConfig.require(config.actionQueueUrl(), AftercareConfig.ACTION_QUEUE_URL, "the queue the sweep fills"))
                .hasMessage("Aftercare is not configured: AFTERCARE_ACTION_QUEUE_URL is not set (the queue the sweep fills)");
    }

    @Test
    void givenALiteralToken_whenPrinted_thenItDoesNotShow() {
        var config = AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t", "AFTERCARE_ADMIN_TOKEN", "literal-token-0123456789abcdef"));

        assertThat(config.toString()).doesNotContain("literal-token");
    }

    @Test
    void givenShortSecretsOrAPublicUrlThatIsNoUrl_whenRead_thenTheyAreRefused() {
        assertThatThrownBy(() -> AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t", "AFTERCARE_ADMIN_TOKEN", "short")))
                .hasMessageContaining("at least 24");
        assertThatThrownBy(() -> AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t", "AFTERCARE_LINK_KEY", "short")))
                .hasMessageContaining("at least 32");
        assertThatThrownBy(() -> AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t", "AFTERCARE_PUBLIC_URL", "api.example")))
                .hasMessageContaining("AFTERCARE_PUBLIC_URL");
        assertThat(AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t")).linkKey()).isEqualTo(Optional.empty());
    }

    @Test
    void givenTheLoopbackChatSetting_whenRead_thenOnlyAnExplicitTrueAllowsItAndAnythingButTrueOrFalseIsRefused() {
        assertThat(AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t")).allowLoopbackChat()).isFalse();
        assertThat(AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t", "AFTERCARE_ALLOW_LOOPBACK_CHAT", "true")).allowLoopbackChat()).isTrue();
        assertThatThrownBy(() -> AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t", "AFTERCARE_ALLOW_LOOPBACK_CHAT", "yes")))
                .hasMessageContaining("AFTERCARE_ALLOW_LOOPBACK_CHAT must be true or false");
    }
}
