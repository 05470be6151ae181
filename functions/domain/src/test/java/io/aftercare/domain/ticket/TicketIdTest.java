package io.aftercare.domain.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TicketIdTest {

    @Test
    void givenTheShopsComplaintId_whenNamedTwice_thenBothNameTheSameTicket() {
        assertThat(TicketId.ofComplaint("C-9")).isEqualTo(TicketId.ofComplaint("C-9")).isEqualTo("c-C-9");
    }

    @Test
    void givenNoComplaintId_whenNamed_thenEachTicketGetsItsOwnRandomNameThatNoComplaintIdCanTake() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            names.add(TicketId.random());
        }

        assertThat(names).hasSize(1000).allMatch(name -> name.matches("t-[a-z2-9]{10}"));
    }
}
