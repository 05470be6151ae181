package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aftercare.domain.action.SendRates;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
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
    void givenAnInboundDomain_whenRead_thenItIsTypedLowerCaseAndAMalformedOneStopsTheStartNamingTheVariable() {
        assertThat(AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t")).inboundDomain()).isEmpty();
        assertThat(AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t", "AFTERCARE_INBOUND_DOMAIN", " Inbound.Shop.EXAMPLE ")).inboundDomain())
                .contains(new io.aftercare.domain.email.InboundDomain("inbound.shop.example"));
        assertThatThrownBy(() -> AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t", "AFTERCARE_INBOUND_DOMAIN", "not a domain")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AFTERCARE_INBOUND_DOMAIN");
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

    @Test
    void givenNoSweepSettings_whenRead_thenFourShardsAFortySecondBudgetAndBulkEmailAtEightyPercentOfTheSesRate() {
        var sweep = AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t")).sweep();

        assertThat(sweep.dueShards()).isEqualTo(4);
        assertThat(sweep.budget()).isEqualTo(Duration.ofSeconds(40));
        assertThat(sweep.bulkRates(OptionalDouble.of(50)).perDeployment()).isCloseTo(40, within(1e-9));
        assertThat(sweep.bulkRates(OptionalDouble.of(50)).perShop()).isCloseTo(40, within(1e-9));
        assertThat(sweep.bulkRates(OptionalDouble.empty())).as("no SES rate known: locally, a new SES account's").isEqualTo(SendRates.WITHOUT_SES_ACCOUNT);
    }

    @Test
    void givenSweepSettings_whenRead_thenTheyAreTypedAndTheDeploymentsRateNeverExceedsTheSesShare() {
        var sweep = AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t", "AFTERCARE_DUE_SHARDS", "8", "AFTERCARE_SWEEP_BUDGET_SECONDS", "30",
                "AFTERCARE_BULK_SEND_RATE", "100", "AFTERCARE_SHOP_BULK_SEND_RATE", "2.5", "AFTERCARE_URGENT_QUEUE_URL", "https://sqs.example/u")).sweep();

        assertThat(sweep.dueShards()).isEqualTo(8);
        assertThat(sweep.budget()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sweep.urgentQueueUrl()).contains("https://sqs.example/u");
        assertThat(sweep.bulkRates(OptionalDouble.of(50)).perDeployment()).as("80% of SES's 50 a second").isCloseTo(40, within(1e-9));
        assertThat(sweep.bulkRates(OptionalDouble.of(1000)).perDeployment()).isEqualTo(100);
        assertThat(sweep.bulkRates(OptionalDouble.of(1000)).perShop()).isEqualTo(2.5);
    }

    @Test
    void givenSweepSettingsOutOfRangeOrNotNumbers_whenRead_thenStartUpFailsNamingTheVariableAndItsRange() {
        assertThatThrownBy(() -> AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t", "AFTERCARE_DUE_SHARDS", "0")))
                .hasMessage("Aftercare is not configured: AFTERCARE_DUE_SHARDS must be a number from 1 to 64, not 0");
        assertThatThrownBy(() -> AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t", "AFTERCARE_SWEEP_BUDGET_SECONDS", "a minute")))
                .hasMessageContaining("AFTERCARE_SWEEP_BUDGET_SECONDS must be a number from 1 to 50");
        assertThatThrownBy(() -> AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t", "AFTERCARE_BULK_SEND_RATE", "-3")))
                .hasMessageContaining("AFTERCARE_BULK_SEND_RATE must be a number from 0.01 to 100000");
    }
}
