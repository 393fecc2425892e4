package dev.teammate.retrieve;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CitationCheckTest {

    @Test
    void keepsCitationsOfGivenSourcesAndRemovesTheOthers() {
        CitationCheck.Checked checked = CitationCheck.check("Retries are capped at three [2]. Fraud alerts fell [1, 9]."
                + " The board approved it [12].", 3);

        assertThat(checked.text()).isEqualTo("Retries are capped at three [2]. Fraud alerts fell [1]. The board"
                + " approved it.");
        assertThat(checked.cited()).containsExactly(1, 2);
        assertThat(checked.removed()).containsExactly(9, 12);
        assertThat(checked.clean()).isFalse();
    }

    @Test
    void leavesAnAnswerWithOnlyGoodCitationsAsItIs() {
        String answer = "Two things [1][2]; see also [1;2].\n\n- [ ] a task box is not a citation";

        CitationCheck.Checked checked = CitationCheck.check(answer, 2);

        assertThat(checked.text()).isEqualTo(answer);
        assertThat(checked.cited()).containsExactly(1, 2);
        assertThat(checked.clean()).isTrue();
    }

    @Test
    void zeroIsNoSource() {
        assertThat(CitationCheck.check("Odd [0].", 3).removed()).containsExactly(0);
    }
}
