package io.aftercare.domain.returns;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.order.Return;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.order.ReturnLife;
import io.aftercare.domain.order.ReturnState;
import io.aftercare.domain.shop.BusinessCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReturnLifeTest {

    private static final Instant T = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void givenTheStepsOfAWholeReturn_whenReplayedInAnyArrivalOrder_thenItIsClosedWithNothingOutOfPlace() {
        var standing = ReturnLife.of(ret(ReturnEvent.CLOSED, 5, ReturnEvent.REQUESTED, 0, ReturnEvent.REFUNDED, 4,
                ReturnEvent.APPROVED, 1, ReturnEvent.RECEIVED, 3, ReturnEvent.IN_TRANSIT, 2));

        assertThat(standing.state()).isEqualTo(ReturnState.CLOSED);
        assertThat(standing.since()).isEqualTo(T.plusSeconds(5));
        assertThat(standing.anomalies()).isEmpty();
    }

    @Test
    void givenARefundOfADeclinedReturn_whenReplayed_thenItStaysDeclinedAndTheRefundIsAnAnomaly() {
        var standing = ReturnLife.of(ret(ReturnEvent.REQUESTED, 0, ReturnEvent.DECLINED, 1, ReturnEvent.REFUNDED, 2));

        assertThat(standing.state()).isEqualTo(ReturnState.DECLINED);
        assertThat(standing.anomalies()).containsExactly(new ReturnLife.Anomaly(ReturnEvent.REFUNDED, T.plusSeconds(2), Optional.of(ReturnState.DECLINED)));
    }

    @Test
    void givenAClosedReturnReopened_whenReplayed_thenItIsOpenAgainSinceTheReopening() {
        var standing = ReturnLife.of(ret(ReturnEvent.APPROVED, 0, ReturnEvent.CLOSED, 1, ReturnEvent.REOPENED, 2));

        assertThat(standing.state()).isEqualTo(ReturnState.OPEN);
        assertThat(standing.since()).isEqualTo(T.plusSeconds(2));
    }

    @Test
    void givenAReturnClosedReopenedAndClosedAgain_whenReplayedInAnyArrivalOrder_thenItIsClosedSinceTheSecondClosing() {
        var standing = ReturnLife.of(ret(ReturnEvent.CLOSED, 3, ReturnEvent.APPROVED, 0, ReturnEvent.REOPENED, 2, ReturnEvent.CLOSED, 1));

        assertThat(standing.state()).isEqualTo(ReturnState.CLOSED);
        assertThat(standing.since()).isEqualTo(T.plusSeconds(3));
        assertThat(standing.anomalies()).isEmpty();
    }

    @Test
    void givenTheSameStepToldTwiceAtTheSameTime_whenKept_thenItIsOneOccurrence() {
        var ret = ret(ReturnEvent.APPROVED, 0, ReturnEvent.CLOSED, 1, ReturnEvent.CLOSED, 1);

        assertThat(ret.steps()).extracting(Return.Step::event).containsExactly(ReturnEvent.APPROVED, ReturnEvent.CLOSED);
    }

    @Test
    void givenGoodsDisposedBeforeTheirTrackingWasAttached_whenReplayed_thenTheReturnStaysReceivedSinceTheDisposalWithNoAnomaly() {
        var standing = ReturnLife.of(ret(ReturnEvent.APPROVED, 0, ReturnEvent.IN_TRANSIT, 2, ReturnEvent.RECEIVED, 1));

        assertThat(standing.state()).isEqualTo(ReturnState.RECEIVED);
        assertThat(standing.since()).isEqualTo(T.plusSeconds(1));
        assertThat(standing.anomalies()).isEmpty();
    }

    @Test
    void givenTwoLabelsAndTwoDisposalsOfOneReturn_whenReplayed_thenItIsReceivedSinceTheFirstDisposalWithNoAnomaly() {
        var standing = ReturnLife.of(ret(ReturnEvent.APPROVED, 0, ReturnEvent.IN_TRANSIT, 1, ReturnEvent.IN_TRANSIT, 2,
                ReturnEvent.RECEIVED, 3, ReturnEvent.RECEIVED, 4));

        assertThat(standing.state()).isEqualTo(ReturnState.RECEIVED);
        assertThat(standing.since()).isEqualTo(T.plusSeconds(3));
        assertThat(standing.anomalies()).isEmpty();
    }

    @Test
    void givenAParcelGoingBackForADeclinedReturn_whenReplayed_thenItStaysDeclinedAndTheParcelIsAnAnomaly() {
        var standing = ReturnLife.of(ret(ReturnEvent.REQUESTED, 0, ReturnEvent.DECLINED, 1, ReturnEvent.IN_TRANSIT, 2));

        assertThat(standing.state()).isEqualTo(ReturnState.DECLINED);
        assertThat(standing.anomalies()).containsExactly(new ReturnLife.Anomaly(ReturnEvent.IN_TRANSIT, T.plusSeconds(2), Optional.of(ReturnState.DECLINED)));
    }

    @Test
    void givenAReturnFirstHeardOfWhenItWasClosed_whenReplayed_thenItStartsClosed() {
        assertThat(ReturnLife.of(ret(ReturnEvent.CLOSED, 0)).state()).isEqualTo(ReturnState.CLOSED);
    }

    @Test
    void givenAStepOnAFridayMorning_whenTwoBusinessDaysOfOfficeHoursPass_thenTheWeekendAndAHolidayAreNotCounted() {
        ZoneId warsaw = ZoneId.of("Europe/Warsaw");
        var office = BusinessCalendar.officeHours(warsaw);
        var withHoliday = BusinessCalendar.weekly(warsaw, office.week(), Set.of(LocalDate.parse("2026-11-23")));
        Instant friday = LocalDateTime.parse("2026-11-20T09:00").atZone(warsaw).toInstant();

        assertThat(BusinessDays.after(office, friday, 2)).isEqualTo(LocalDateTime.parse("2026-11-24T09:00").atZone(warsaw).toInstant());
        assertThat(BusinessDays.after(withHoliday, friday, 2)).isEqualTo(LocalDateTime.parse("2026-11-25T09:00").atZone(warsaw).toInstant());
        assertThat(BusinessDays.after(BusinessCalendar.aroundTheClock(warsaw), friday, 2))
                .isEqualTo(LocalDateTime.of(LocalDate.parse("2026-11-22"), LocalTime.of(9, 0)).atZone(warsaw).toInstant());
    }

    /** A return with the steps given as pairs: a step and its second after {@link #T}. */
    private static Return ret(Object... pairs) {
        List<Return.Step> steps = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            steps.add(new Return.Step((ReturnEvent) pairs[i], T.plusSeconds((Integer) pairs[i + 1]), Optional.empty(), Optional.empty()));
        }
        return new Return("ret-1", steps);
    }
}
