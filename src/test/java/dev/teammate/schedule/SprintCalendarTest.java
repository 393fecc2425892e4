package dev.teammate.schedule;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SprintCalendarTest {

    private static SprintCalendar twoWeekSprintsFrom(String monday) {
        return new SprintCalendar(LocalDate.parse(monday), 14, Clock.system(ZoneOffset.UTC));
    }

    @Test
    void aTwoWeekSprintStartingOnMondayEndsOnTheSecondFriday() {
        SprintCalendar sprints = twoWeekSprintsFrom("2026-01-05");

        assertThat(sprints.lastWorkingDay(LocalDate.parse("2026-01-07"))).isEqualTo("2026-01-16");
        assertThat(sprints.endsOn(LocalDate.parse("2026-01-16"))).isTrue();
        assertThat(sprints.endsOn(LocalDate.parse("2026-01-09"))).isFalse();
        assertThat(sprints.endsOn(LocalDate.parse("2026-01-18"))).as("a Sunday is no working day").isFalse();
        assertThat(sprints.lastWorkingDay(LocalDate.parse("2026-12-04"))).isEqualTo("2026-12-04");
    }

    @Test
    void daysBeforeTheFirstSprintBelongToEarlierSprints() {
        assertThat(twoWeekSprintsFrom("2026-01-05").lastWorkingDay(LocalDate.parse("2026-01-01")))
                .isEqualTo("2026-01-02");
    }

    @Test
    void aSprintEndingOnAWeekendEndsOnTheFridayBefore() {
        SprintCalendar sprints = new SprintCalendar(LocalDate.parse("2026-01-07"), 14, Clock.system(ZoneOffset.UTC));

        assertThat(sprints.lastWorkingDay(LocalDate.parse("2026-01-10"))).isEqualTo("2026-01-20");
        SprintCalendar saturdayEnd = new SprintCalendar(LocalDate.parse("2026-01-04"), 14,
                Clock.system(ZoneOffset.UTC));
        assertThat(saturdayEnd.lastWorkingDay(LocalDate.parse("2026-01-05"))).isEqualTo("2026-01-16");
    }
}
