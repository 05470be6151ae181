package io.aftercare.domain.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.PublicHost;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where Aftercare may POST a shop's chat notices: the hostile URLs an attacker would save, against a table of DNS answers. */
class ChatWebhookUrlTest {

    private static final Map<String, List<String>> DNS = Map.ofEntries(
            Map.entry("hooks.slack.com", List.of("203.0.113.20")),
            Map.entry("public.example", List.of("203.0.113.10")),
            Map.entry("localhost.attacker.example", List.of("127.0.0.1")),
            Map.entry("hooks.internal.example", List.of("192.168.1.1")),
            Map.entry("cgnat.example", List.of("100.64.0.1")),
            Map.entry("metadata.example", List.of("169.254.169.254")),
            Map.entry("metadata6.example", List.of("fd00:ec2::254")),
            Map.entry("ula.example", List.of("fc00::1")),
            Map.entry("linklocal6.example", List.of("fe80::1")),
            Map.entry("mapped.example", List.of("::ffff:10.0.0.1")),
            Map.entry("compat.example", List.of("::7f00:1")),
            Map.entry("any.example", List.of("0.0.0.0")),
            Map.entry("multicast.example", List.of("224.0.0.1")),
            Map.entry("mixed.example", List.of("203.0.113.5", "10.0.0.5")));
    private static final PublicHost.Resolver RESOLVER = host -> {
        List<String> ips = DNS.get(host);
        if (ips == null) {
            throw new UnknownHostException();
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String ip : ips) {
            addresses.add(InetAddress.getByAddress(host, InetAddress.getByName(ip).getAddress()));
        }
        return addresses;
    };
    private static final ChatWebhookUrl.Rules PRODUCTION = new ChatWebhookUrl.Rules(RESOLVER, false);
    private static final ChatWebhookUrl.Rules LOCAL = new ChatWebhookUrl.Rules(RESOLVER, true);

    /** Each refused under the production rules; the first eleven under the local-development ones too. */
    static final List<String> HOSTILE = List.of(
            "http://127.0.0.1@169.254.169.254/latest/meta-data/",
            "https://127.0.0.1@169.254.169.254/latest/meta-data/",
            "http://public.example/hooks",
            "https://user:pw@hooks.slack.com/services/T000/B000/XXXX",
            "https://10.0.0.1/",
            "https://169.254.169.254/latest/meta-data/",
            "https://[fd00:ec2::254]/",
            "https://hooks.internal.example/hooks",
            "https://cgnat.example/",
            "https://metadata.example/latest/meta-data/",
            "https://mixed.example/hooks",
            "https://metadata6.example/",
            "https://ula.example/",
            "https://linklocal6.example/",
            "https://mapped.example/",
            "https://compat.example/",
            "https://any.example/",
            "https://multicast.example/",
            "https://nowhere.example/",
            "http://localhost.attacker.example/",
            "https://localhost.attacker.example/",
            "https://[::1]/",
            "https://127.0.0.1/",
            "https://2130706433/",
            "https://0x7f.1/",
            "ftp://hooks.slack.com/services/T000/B000/XXXX",
            "https:///services/T000",
            "https://hooks.slack.com/services/T000 B000/XXXX");

    @Test
    void givenEachHostileUrl_whenCheckedUnderTheProductionRules_thenItIsRefusedNamingTheFieldAndNeverItsHost() {
        assertThat(HOSTILE).hasSize(28).allSatisfy(url -> assertThatThrownBy(() -> PRODUCTION.check(url))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("support.chatWebhookUrl");
                    assertThat(e.getMessage()).doesNotContain(".example", "slack", "169.254", "10.0", "127.0", "::");
                }).as(url));
    }

    @Test
    void givenTheHostileUrlsThatAreNotLoopback_whenCheckedUnderTheLocalDevelopmentRules_thenTheyAreStillRefused() {
        assertThat(HOSTILE.subList(0, 19)).allSatisfy(url -> assertThatThrownBy(() -> LOCAL.check(url)).isInstanceOf(InvalidInput.class).as(url));
    }

    @Test
    void givenAnHttpsUrlOnAPublicHost_whenChecked_thenItIsAccepted() {
        assertThat(PRODUCTION.check("https://hooks.slack.com/services/T000/B000/XXXX").uri().getHost()).isEqualTo("hooks.slack.com");
    }

    @Test
    void givenLoopbackUrls_whenCheckedUnderTheLocalDevelopmentRules_thenTheyAreAcceptedPlainHttpIncluded() {
        assertThat(List.of("http://127.0.0.1:8080/hooks", "https://[::1]/", "http://localhost.attacker.example/"))
                .allSatisfy(url -> assertThat(LOCAL.check(url).uri().toString()).isEqualTo(url));
    }
}
