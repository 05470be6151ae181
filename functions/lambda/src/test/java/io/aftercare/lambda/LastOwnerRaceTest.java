package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.Conflict;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.access.Caller;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Role;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Owners changing each other's roles at the same moment, on real threads against DynamoDB Local: a shop keeps an owner. */
@ExtendWith(DynamoDbExtension.class)
class LastOwnerRaceTest {

    private static final int ROUNDS = 30;

    @Test
    void givenTwoOwnersDemotingOrRemovingEachOtherAtOnce_whenTheyRace_thenExactlyOneSucceedsAndTheShopKeepsAnOwner(TestTable table) throws Exception {
        var aftercare = new Harness(table, Instant.parse("2026-12-01T10:00:00Z"));
        var access = aftercare.app.access();
        var caller = new Caller.BreakGlass();
        try (var threads = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < ROUNDS; round++) {
                var shop = new ShopId("owners-" + round);
                aftercare.registerShop(shop.value(), "generic");
                var first = access.invite(shop, caller, new EmailAddress("first@owners.example"), Role.OWNER, Language.EN);
                var second = access.invite(shop, caller, new EmailAddress("second@owners.example"), Role.OWNER, Language.EN);
                boolean remove = round % 2 == 1;
                var barrier = new CyclicBarrier(2);
                List<Future<?>> changes = List.of(first.id(), second.id()).stream().<Future<?>>map(member -> threads.submit(() -> {
                    barrier.await();
                    if (remove) {
                        access.remove(shop, caller, member);
                    } else {
                        access.changeRole(shop, caller, member, Role.AGENT);
                    }
                    return null;
                })).toList();

                int refused = 0;
                for (var change : changes) {
                    try {
                        change.get();
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).as("round " + round).isInstanceOf(Conflict.class);
                        refused++;
                    }
                }
                assertThat(refused).as("round %d: one of the two changes is refused", round).isEqualTo(1);
                assertThat(access.members(shop)).as("round " + round).filteredOn(m -> m.role() == Role.OWNER).hasSize(1);
            }
        }
    }
}
