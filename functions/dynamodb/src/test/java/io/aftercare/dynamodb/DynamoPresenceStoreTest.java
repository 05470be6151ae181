package io.aftercare.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.ticket.Presence;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class DynamoPresenceStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static DynamoPresenceStore presence;

    @BeforeAll
    static void createTable(TestTable table) {
        presence = new DynamoPresenceStore(table.client(), table.name());
    }

    @Test
    void givenAMembersBeatsOnATicket_whenReadBack_thenOnlyTheLatestIsThere() {
        var shop = new ShopId("presence-latest");
        presence.put(shop, new Presence("t-1", "person a***@shop.example", "a***@shop.example", Presence.Activity.VIEWING, NOW), NOW.plus(Presence.KEPT));
        presence.put(shop, new Presence("t-1", "person a***@shop.example", "a***@shop.example", Presence.Activity.REPLYING, NOW.plusSeconds(10)), NOW.plus(Presence.KEPT));

        assertThat(presence.since(shop, NOW)).containsExactly(
                new Presence("t-1", "person a***@shop.example", "a***@shop.example", Presence.Activity.REPLYING, NOW.plusSeconds(10)));
    }

    @Test
    void givenTwoMembersWhoseMaskedAddressesAreAlike_whenBothBeatOnATicket_thenBothAreThere() {
        var shop = new ShopId("presence-alike");
        presence.put(shop, new Presence("t-1", "person hash-of-john", "j***@shop.example", Presence.Activity.VIEWING, NOW), NOW.plus(Presence.KEPT));
        presence.put(shop, new Presence("t-1", "person hash-of-jane", "j***@shop.example", Presence.Activity.REPLYING, NOW), NOW.plus(Presence.KEPT));

        assertThat(presence.since(shop, NOW)).extracting(Presence::holder).containsExactlyInAnyOrder("person hash-of-john", "person hash-of-jane");
    }

    @Test
    void givenBeatsOlderThanAsked_whenRead_thenTheyAreLeftOutThoughTheTtlHasNotRemovedThemYet() {
        var shop = new ShopId("presence-expiry");
        presence.put(shop, new Presence("t-1", "person old", "old", Presence.Activity.VIEWING, NOW.minus(Presence.LIVE).minusSeconds(1)), NOW.plus(Presence.KEPT));
        presence.put(shop, new Presence("t-2", "person new", "new", Presence.Activity.VIEWING, NOW), NOW.plus(Presence.KEPT));

        assertThat(presence.since(shop, NOW.minus(Presence.LIVE))).extracting(Presence::who).containsExactly("new");
    }

    @Test
    void givenTwoShops_whenOnesPresenceIsRead_thenTheOthersBeatsAreNeverInIt() {
        presence.put(new ShopId("presence-a"), new Presence("t-1", "person a", "a", Presence.Activity.VIEWING, NOW), NOW.plus(Presence.KEPT));
        presence.put(new ShopId("presence-b"), new Presence("t-1", "person b", "b", Presence.Activity.VIEWING, NOW), NOW.plus(Presence.KEPT));

        assertThat(presence.since(new ShopId("presence-a"), NOW.minusSeconds(1))).extracting(Presence::who).containsExactly("a");
    }
}
