package dev.teammate.retrieve;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeWindowTest {

    @Test
    void readsHoursDaysWeeksAndMonths() {
        assertThat(TimeWindow.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(TimeWindow.parse(" 7d ")).isEqualTo(Duration.ofDays(7));
        assertThat(TimeWindow.parse("2W")).isEqualTo(Duration.ofDays(14));
        assertThat(TimeWindow.parse("3m")).isEqualTo(Duration.ofDays(90));
        assertThat(TimeWindow.parse("all")).isNull();
        assertThat(TimeWindow.parse("")).isNull();
    }

    @Test
    void refusesAnythingElseSayingWhatItTakes() {
        assertThatThrownBy(() -> TimeWindow.parse("last week")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("24h, 7d, 2w, 3m");
    }
}
