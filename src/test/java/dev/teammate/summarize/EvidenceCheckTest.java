package dev.teammate.summarize;

import dev.teammate.extract.Segment;
import dev.teammate.summarize.MeetingSummary.ActionItem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceCheckTest {

    private final List<Segment> transcript = List.of(
            new Segment("Okay, let's start with checkout.", "Dana", 0.0, 3.0),
            new Segment("I'll fix the retry budget in PAY-1432 by Friday.", "Ravi", 2467.0, 2471.0),
            new Segment("And I will write the release notes,", "Mei", 2600.0, 2603.0),
            new Segment("once QA signs off.", "Mei", 2603.0, 2605.0));

    private static ActionItem action(String what, String quote, String time) {
        return new ActionItem(what, "Ravi", "Friday", quote, time, null);
    }

    private MeetingSummary check(ActionItem... items) {
        MeetingSummary stated = new MeetingSummary("s", List.of(), List.of(), List.of(items), List.of());
        return new EvidenceCheck(transcript).check(stated);
    }

    @Test
    void aQuoteFoundWordForWordIsVerifiedWithTheTimeOfItsCue() {
        MeetingSummary checked = check(action("Fix the retry budget",
                "i'll fix the retry budget in PAY-1432 by Friday", "00:12:00"));

        assertThat(checked.unverified()).isEmpty();
        assertThat(checked.actions()).singleElement().satisfies(a -> {
            assertThat(a.time()).isEqualTo("00:41:07");
            assertThat(a.note()).isNull();
        });
    }

    @Test
    void aQuoteAcrossTwoCuesIsFound() {
        MeetingSummary checked = check(action("Write release notes", "write the release notes, once QA signs off",
                null));

        assertThat(checked.actions()).singleElement().extracting(ActionItem::time).isEqualTo("00:43:20");
    }

    @Test
    void anInventedOrRewordedQuoteIsKeptApartWithTheReason() {
        MeetingSummary checked = check(
                action("Migrate billing", "Ravi will migrate billing to the new provider", "00:20:00"),
                action("Fix the budget", "I will fix the retry budget", "00:41:07"),
                action("Retry", "retry budge", null),
                action("No evidence", "  ", null));

        assertThat(checked.actions()).isEmpty();
        assertThat(checked.unverified()).extracting(ActionItem::note).containsExactly(
                "the quote is not in the transcript", "the quote is not in the transcript",
                "the quote is not in the transcript", "no quote was given");
        assertThat(checked.unverified().get(0).time()).isEqualTo("00:20:00");
    }
}
