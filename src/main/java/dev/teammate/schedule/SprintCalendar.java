package dev.teammate.schedule;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Sprints of a fixed length, counted from the first day of one sprint. A sprint's last working day (the day before
 * the next sprint starts, moved back to Friday when that is a weekend) is when its demo summary is drafted.
 */
public class SprintCalendar {

    private final LocalDate firstDay;
    private final int lengthDays;
    private final Clock clock;

    public SprintCalendar(LocalDate firstDay, int lengthDays, Clock clock) {
        if (lengthDays < 1) {
            throw new IllegalArgumentException("teammate.sprint.length-days must be at least 1, was " + lengthDays);
        }
        this.firstDay = firstDay;
        this.lengthDays = lengthDays;
        this.clock = clock;
    }

    /** Whether today is the last working day of a sprint. */
    public boolean endsToday() {
        return endsOn(LocalDate.now(clock));
    }

    public boolean endsOn(LocalDate day) {
        return lastWorkingDay(day).equals(day);
    }

    /** The last working day of the sprint that holds {@code day}. */
    public LocalDate lastWorkingDay(LocalDate day) {
        long sprint = Math.floorDiv(ChronoUnit.DAYS.between(firstDay, day), lengthDays);
        LocalDate last = firstDay.plusDays((sprint + 1) * lengthDays - 1);
        while (last.getDayOfWeek() == DayOfWeek.SATURDAY || last.getDayOfWeek() == DayOfWeek.SUNDAY) {
            last = last.minusDays(1);
        }
        return last;
    }
}
