package dev.teammate.summarize;

import dev.teammate.llm.TokenEstimate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TranscriptPartsTest {

    private static List<String> meeting(int turns) {
        List<String> lines = new ArrayList<>();
        String[] speakers = {"Dana", "Ravi", "Mei"};
        for (int i = 0; i < turns; i++) {
            lines.add(String.format("[%02d:%02d:00] %s: turn %d about the checkout retry budget and the release plan",
                    i / 60, i % 60, speakers[i % 3], i));
        }
        return lines;
    }

    @Test
    void everyTurnIsInSomePartWholeAndInOrder() {
        List<String> lines = meeting(400);

        List<String> parts = TranscriptParts.split(lines, 600, 60);

        assertThat(parts).hasSizeGreaterThan(5);
        List<String> seen = new ArrayList<>();
        for (String part : parts) {
            assertThat(TokenEstimate.of(part)).isLessThanOrEqualTo(600);
            List<String> partLines = Arrays.asList(part.split("\n"));
            assertThat(lines).containsSubsequence(partLines);
            partLines.forEach(l -> {
                if (!seen.contains(l)) {
                    seen.add(l);
                }
            });
        }
        assertThat(seen).containsExactlyElementsOf(lines);
    }

    @Test
    void eachPartStartsWithTheLastTurnsOfThePreviousOne() {
        List<String> parts = TranscriptParts.split(meeting(200), 500, 60);

        for (int i = 1; i < parts.size(); i++) {
            String[] previous = parts.get(i - 1).split("\n");
            String[] current = parts.get(i).split("\n");
            assertThat(current[0]).isNotEqualTo(previous[0]);
            assertThat(Arrays.asList(previous)).contains(current[0]);
            int overlapLines = previous.length - Arrays.asList(previous).indexOf(current[0]);
            assertThat(TokenEstimate.of(String.join("\n", Arrays.copyOfRange(current, 0, overlapLines))))
                    .isBetween(1, 60);
        }
    }

    @Test
    void aMonologueLongerThanAPartIsCutBetweenWordsAndKeptWhole() {
        String monologue = "[00:00:00] Dana: " + "we should ship the retry budget first ".repeat(300).strip();

        List<String> parts = TranscriptParts.split(List.of("[00:00:00] Ravi: ok", monologue), 400, 40);

        String joined = String.join(" ", parts);
        for (String word : monologue.split(" ")) {
            assertThat(joined).contains(word);
        }
        parts.forEach(p -> assertThat(TokenEstimate.of(p)).isLessThanOrEqualTo(400));
        assertThat(String.join(" ", parts).replace("\n", " ")).contains("first we should");
    }

    @Test
    void refusesAnOverlapOfHalfAPartOrMore() {
        assertThatThrownBy(() -> TranscriptParts.split(meeting(10), 100, 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
    }
}
