package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AftercareConfigTest {

    @Test
    void givenAnEmptyEnvironment_whenRead_thenStartUpFailsNamingEveryMissingVariable() {
        assertThatThrownBy(() -> AftercareConfig.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AFTERCARE_TABLE")
                .hasMessageContaining("AFTERCARE_ADMIN_TOKEN_SECRET");
    }

    @Test
    void givenTheDeployedEnvironment_whenRead_thenTheTokenComesFromSecretsManager() {
        var config = AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "aftercare-prod", "AFTERCARE_ADMIN_TOKEN_SECRET", "aftercare/prod/admin-token"));

        assertThat(config.tableName()).isEqualTo("aftercare-prod");
        assertThat(config.adminToken()).isEqualTo(new AftercareConfig.AdminTokenSource.FromSecret("aftercare/prod/admin-token"));
    }

    @Test
    void givenALiteralToken_whenPrinted_thenItDoesNotShow() {
        var config = AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t", "AFTERCARE_ADMIN_TOKEN", "literal-token-0123456789abcdef"));

        assertThat(config.toString()).doesNotContain("literal-token");
    }

    @Test
    void givenAShortLiteralToken_whenRead_thenItIsRefused() {
        assertThatThrownBy(() -> AftercareConfig.fromEnvironment(Map.of("AFTERCARE_TABLE", "t", "AFTERCARE_ADMIN_TOKEN", "short")))
                .hasMessageContaining("at least 24");
    }
}
