package dev.teammate.chunk;

import dev.teammate.extract.ExtractedText;
import dev.teammate.extract.Segment;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static dev.teammate.chunk.ChunkerTest.assertValid;
import static dev.teammate.chunk.ChunkerTest.sentence;
import static org.assertj.core.api.Assertions.assertThat;

/** Transcripts through the chunker: speaker turns, times and limits. */
class TranscriptChunkingTest {

    private static final Pattern TURN = Pattern.compile("\\[\\d{2}:[0-5]\\d:[0-5]\\d] (Alice Smith|Bob|Carol): \\S.*");

    @BeforeAll
    static void load() {
        ChunkerTest.load();
    }

    @AfterAll
    static void close() {
        ChunkerTest.close();
    }

    @Test
    void chunksCarrySpeakerTurnsAndMonotonicTimes() {
        List<Segment> segments = meeting(new Random(10), 300);

        List<Chunk> chunks = ChunkerTest.chunker.chunk(new ExtractedText(null, segments, true));

        assertValid(chunks);
        assertThat(chunks).hasSizeGreaterThan(5);
        assertThat(chunks.get(0).startSeconds()).isEqualTo(segments.get(0).startSeconds());
        assertThat(chunks.get(chunks.size() - 1).endSeconds())
                .isEqualTo(segments.get(segments.size() - 1).endSeconds());
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            assertThat(chunk.text().split("\n")).allSatisfy(line -> assertThat(line).matches(TURN));
            assertThat(chunk.startSeconds()).isLessThan(chunk.endSeconds());
            assertThat(segments).anyMatch(s -> s.startSeconds().equals(chunk.startSeconds()));
            assertThat(segments).anyMatch(s -> s.endSeconds().equals(chunk.endSeconds()));
            assertThat(chunk.text()).startsWith(clock(chunk.startSeconds()));
            if (i > 0) {
                Chunk previous = chunks.get(i - 1);
                assertThat(chunk.startSeconds()).isGreaterThanOrEqualTo(previous.startSeconds());
                assertThat(chunk.endSeconds()).isGreaterThan(previous.endSeconds());
                // Overlap: the chunk repeats the last cue of the previous one.
                assertThat(chunk.startSeconds()).isLessThan(previous.endSeconds());
            }
        }
        assertEverySegmentInOrder(segments, chunks);
    }

    @Test
    void consecutiveCuesOfOneSpeakerShareOneLabel() {
        List<Segment> segments = List.of(
                new Segment("Good morning everyone.", "Alice Smith", 1.5, 3.0),
                new Segment("Let's start with the roadmap.", "Alice Smith", 3.2, 5.0),
                new Segment("Morning!", "Bob", 5.5, 6.0),
                new Segment("After a long pause.", "Bob", 40.0, 42.0),
                new Segment("Thanks, bye.", null, 3725.0, 3726.0));

        List<Chunk> chunks = ChunkerTest.chunker.chunk(new ExtractedText(null, segments, true));

        assertValid(chunks);
        assertThat(chunks).singleElement().satisfies(chunk -> {
            assertThat(chunk.text()).isEqualTo("""
                    [00:00:01] Alice Smith: Good morning everyone. Let's start with the roadmap.
                    [00:00:05] Bob: Morning!
                    [00:00:40] Bob: After a long pause.
                    [01:02:05] Thanks, bye.""");
            assertThat(chunk.startSeconds()).isEqualTo(1.5);
            assertThat(chunk.endSeconds()).isEqualTo(3726.0);
        });
    }

    @Test
    void aMonologueLongerThanAChunkIsCutAtSentencesKeepingItsTimes() {
        Random random = new Random(11);
        StringBuilder talk = new StringBuilder();
        while (ChunkerTest.tokenizer.count(talk.toString()) < 1500) {
            talk.append(sentence(random)).append(' ');
        }
        List<Segment> segments = List.of(new Segment("Quick intro.", "Bob", 290.0, 299.0),
                new Segment(talk.toString().strip(), "Alice Smith", 300.0, 900.0),
                new Segment("Thanks Alice.", "Carol", 901.0, 902.0));

        List<Chunk> chunks = ChunkerTest.chunker.chunk(new ExtractedText(null, segments, true));

        assertValid(chunks);
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(5);
        assertThat(chunks.get(0).text()).startsWith("[00:04:50] Bob: Quick intro.\n[00:05:00] Alice Smith: ");
        for (Chunk chunk : chunks.subList(1, chunks.size())) {
            assertThat(chunk.text()).startsWith("[00:05:00] Alice Smith: ");
            assertThat(chunk.startSeconds()).isEqualTo(300.0);
        }
        assertThat(chunks.get(chunks.size() - 1).text()).endsWith("\n[00:15:01] Carol: Thanks Alice.");
        assertThat(chunks.get(chunks.size() - 1).endSeconds()).isEqualTo(902.0);
        String all = String.join(" ", chunks.stream().map(Chunk::text).toList());
        for (String word : talk.toString().split("\\s+")) {
            assertThat(all).contains(word);
        }
    }

    /** A meeting of short cues in turns of one to four cues by three people, 2-6 s each. */
    private static List<Segment> meeting(Random random, int cues) {
        String[] speakers = {"Alice Smith", "Bob", "Carol"};
        List<Segment> segments = new ArrayList<>();
        double time = 12.0;
        int speaker = 0;
        int left = 0;
        for (int i = 0; i < cues; i++) {
            if (left == 0) {
                speaker = (speaker + 1 + random.nextInt(2)) % speakers.length;
                left = 1 + random.nextInt(4);
            }
            left--;
            double length = 2 + random.nextInt(5);
            segments.add(new Segment(sentence(random), speakers[speaker], time, time + length));
            time += length + random.nextInt(3) * 0.5;
        }
        return segments;
    }

    private static void assertEverySegmentInOrder(List<Segment> segments, List<Chunk> chunks) {
        int chunk = 0;
        for (Segment segment : segments) {
            while (chunk < chunks.size() && !chunks.get(chunk).text().contains(segment.text())) {
                chunk++;
            }
            assertThat(chunk).as("segment at %s s is in a chunk, in order", segment.startSeconds())
                    .isLessThan(chunks.size());
        }
    }

    private static String clock(double seconds) {
        long s = (long) seconds;
        return String.format("[%02d:%02d:%02d]", s / 3600, s / 60 % 60, s % 60);
    }
}
