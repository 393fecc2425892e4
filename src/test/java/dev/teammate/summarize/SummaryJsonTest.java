package dev.teammate.summarize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SummaryJsonTest {

    static final String VALID = """
            {"summary": "The team agreed to ship retries first.",
             "speakers": [{"name": "Ravi", "points": ["retries fail at the budget"]}],
             "decisions": ["Ship retries before the redesign"],
             "action_items": [{"what": "Fix the retry budget", "owner": "Ravi", "due": null,
                               "quote": "I'll fix the retry budget", "time": "00:41:07"}]}""";

    @Test
    void readsTheSummaryEvenInsideAFenceOrASentence() throws Exception {
        MeetingSummary summary = SummaryJson.read("Here is the summary:\n```json\n" + VALID + "\n```");

        assertThat(summary.summary()).isEqualTo("The team agreed to ship retries first.");
        assertThat(summary.speakers()).singleElement().satisfies(s -> assertThat(s.points()).hasSize(1));
        assertThat(summary.decisions()).containsExactly("Ship retries before the redesign");
        assertThat(summary.actions()).singleElement().satisfies(a -> {
            assertThat(a.owner()).isEqualTo("Ravi");
            assertThat(a.due()).isNull();
            assertThat(a.quote()).isEqualTo("I'll fix the retry budget");
        });
    }

    @Test
    void writesWhatItReads() throws Exception {
        MeetingSummary summary = SummaryJson.read(VALID);

        assertThat(SummaryJson.read(SummaryJson.write(summary))).isEqualTo(summary);
    }

    @Test
    void namesEveryProblemSoTheModelCanFixIt() {
        assertThatThrownBy(() -> SummaryJson.read("""
                {"summary": "", "speakers": "Ravi", "action_items": [{"what": "x", "owner": 3}]}"""))
                .isInstanceOf(InvalidSummaryException.class)
                .hasMessageContaining("\"summary\" is missing or empty")
                .hasMessageContaining("\"speakers\" must be an array")
                .hasMessageContaining("\"decisions\" is missing")
                .hasMessageContaining("\"action_items[0].owner\" must be a string")
                .hasMessageContaining("\"action_items[0].quote\" is missing or empty");
    }

    @Test
    void aReplyThatIsNotJsonSaysSo() {
        assertThatThrownBy(() -> SummaryJson.read("Sure! The meeting was about retries."))
                .hasMessageContaining("no JSON object");
        assertThatThrownBy(() -> SummaryJson.read("{\"summary\": \"cut off"))
                .hasMessageContaining("no JSON object");
        assertThatThrownBy(() -> SummaryJson.read("{\"summary\": \"x\",}"))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> SummaryJson.read("  ")).hasMessageContaining("empty");
    }
}
