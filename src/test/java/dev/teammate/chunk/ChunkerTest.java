package dev.teammate.chunk;

import dev.teammate.embed.MiniLmTokenizer;
import dev.teammate.extract.ExtractedText;
import dev.teammate.extract.Segment;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Documents through the chunker with the real MiniLM tokenizer. */
class ChunkerTest {

    static final int MAX = Chunker.DEFAULT_MAX_TOKENS;

    private static final String[] WORDS = ("the team shipped onboarding search roadmap customer pricing release "
            + "feedback metrics retention dashboard latency incident review sprint backlog design api mobile "
            + "quarterly hiring budget migration analytics experiment conversion churn support escalation "
            + "we they should could will next week because after before while although").split(" ");

    static MiniLmTokenizer tokenizer;
    static Chunker chunker;

    @BeforeAll
    static void load() {
        tokenizer = new MiniLmTokenizer();
        chunker = new Chunker(tokenizer);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void packsWholeParagraphsUpToTheTarget() {
        Random random = new Random(1);
        List<String> paragraphs = IntStream.range(0, 30).mapToObj(i -> paragraph(random, 3)).toList();

        List<Chunk> chunks = chunker.chunk(document(paragraphs));

        assertValid(chunks);
        assertCoversInOrder(paragraphs, chunks);
        assertThat(chunks).hasSizeGreaterThan(3);
        for (Chunk chunk : chunks) {
            assertThat(chunk.tokens()).isLessThanOrEqualTo(Chunker.DEFAULT_TARGET_TOKENS);
            // Apart from the overlap at its start, a chunk ends where a paragraph ends.
            assertThat(paragraphs).anyMatch(p -> chunk.text().endsWith(p));
            assertThat(chunk.startSeconds()).isNull();
            assertThat(chunk.endSeconds()).isNull();
        }
        assertThat(chunks.get(0).text()).startsWith(paragraphs.get(0) + "\n\n" + paragraphs.get(1));
    }

    @Test
    void nextChunkStartsWithTrailingSentencesOfThePreviousWithinTheBudget() {
        Random random = new Random(2);
        List<String> paragraphs = IntStream.range(0, 40).mapToObj(i -> paragraph(random, 4)).toList();

        List<Chunk> chunks = chunker.chunk(document(paragraphs));

        assertThat(chunks).hasSizeGreaterThan(4);
        for (int i = 1; i < chunks.size(); i++) {
            String overlap = sharedEdge(chunks.get(i - 1).text(), chunks.get(i).text());
            assertThat(overlap).as("overlap into chunk %d", i).isNotEmpty().endsWith(".");
            assertThat(tokenizer.count(overlap)).isLessThanOrEqualTo(Chunker.DEFAULT_OVERLAP_TOKENS);
            // Whole sentences: the overlap starts where a sentence starts in the previous chunk.
            String before = chunks.get(i - 1).text();
            String preceding = before.substring(0, before.length() - overlap.length()).stripTrailing();
            assertThat(preceding).endsWith(".");
        }
    }

    @Test
    void paragraphOfThreeThousandTokensIsCutAtSentences() {
        Random random = new Random(3);
        StringBuilder huge = new StringBuilder();
        while (tokenizer.count(huge.toString()) < 3000) {
            huge.append(sentence(random)).append(' ');
        }
        List<String> paragraphs = List.of("Intro paragraph.", huge.toString().strip(), "Closing words.");

        List<Chunk> chunks = chunker.chunk(document(paragraphs));

        assertValid(chunks);
        assertCoversInOrder(paragraphs, chunks);
        assertThat(chunks).hasSizeBetween(9, 14);
        assertThat(chunks.get(0).text()).startsWith("Intro paragraph.\n\n");
        for (Chunk chunk : chunks) {
            assertThat(chunk.text()).endsWith(".");
        }
    }

    @Test
    void enormousWordsAreCutAsALastResort() {
        Random random = new Random(4);
        StringBuilder letters = new StringBuilder();
        StringBuilder dotted = new StringBuilder();
        while (letters.length() < 5000) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        while (dotted.length() < 5000) {
            dotted.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextBoolean() ? '.' : '/');
        }
        String lettersWord = letters.toString();
        String dottedWord = dotted.substring(0, 5000);
        assertThat(tokenizer.count(dottedWord)).isGreaterThan(MAX * 2);
        List<String> paragraphs = List.of("Before the blob.", "Key: " + dottedWord + " end.", lettersWord,
                "After the blob.");

        List<Chunk> chunks = chunker.chunk(document(paragraphs));

        assertValid(chunks);
        assertCoversInOrder(paragraphs, chunks);
        assertThat(chunks).anyMatch(c -> c.text().contains(lettersWord));
    }

    @Test
    void aHeadingStaysWithTheTextItIntroduces() {
        Random random = new Random(5);
        String first = paragraphOf(random, 290);
        String heading = "## Background";
        String second = paragraphOf(random, 200);

        List<Chunk> chunks = chunker.chunk(document(List.of(first, heading, second)));

        assertValid(chunks);
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).text()).doesNotContain("Background").endsWith(first);
        assertThat(chunks.get(1).text()).contains(heading + "\n\n" + second);
    }

    @Test
    void outputIsDeterministicAndPositionsAreSequential() {
        Random random = new Random(6);
        List<String> paragraphs = IntStream.range(0, 25).mapToObj(i -> paragraph(random, 1 + i % 7)).toList();

        List<Chunk> once = chunker.chunk(document(paragraphs));
        List<Chunk> twice = chunker.chunk(document(paragraphs));

        assertThat(twice).isEqualTo(once);
        assertThat(once).extracting(Chunk::position).containsExactlyElementsOf(IntStream.range(0, once.size())
                .boxed().toList());
        assertThat(chunker.chunk(new ExtractedText(null, List.of(), false))).isEmpty();
    }

    @Test
    void respectsOtherSizesAndRejectsImpossibleOnes() {
        Random random = new Random(7);
        List<String> paragraphs = IntStream.range(0, 20).mapToObj(i -> paragraph(random, 5)).toList();

        List<Chunk> chunks = new Chunker(tokenizer, 100, 120, 0).chunk(document(paragraphs));

        assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(120)
                .isEqualTo(tokenizer.count(c.text())));
        assertCoversInOrder(paragraphs, chunks);
        assertThatThrownBy(() -> new Chunker(tokenizer, 400, 300, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chunker(tokenizer, 100, 300, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers shared with the transcript tests

    static ExtractedText document(List<String> paragraphs) {
        return new ExtractedText(null, paragraphs.stream().map(Segment::paragraph).toList(), false);
    }

    static String sentence(Random random) {
        int words = 6 + random.nextInt(14);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            if (i == 0) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            }
            text.append(i == 0 ? "" : " ").append(word);
            if (random.nextInt(25) == 0) {
                text.append(' ').append(random.nextInt(1000));
            }
        }
        return text.append('.').toString();
    }

    static String paragraph(Random random, int sentences) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            list.add(sentence(random));
        }
        return String.join(" ", list);
    }

    private static String paragraphOf(Random random, int tokens) {
        StringBuilder text = new StringBuilder(sentence(random));
        while (tokenizer.count(text.toString()) < tokens - 25) {
            text.append(' ').append(sentence(random));
        }
        return text.toString();
    }

    /** Every chunk within the maximum, its token count exact, positions in order. */
    static void assertValid(List<Chunk> chunks) {
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            assertThat(chunk.position()).isEqualTo(i);
            assertThat(chunk.text()).isNotBlank();
            assertThat(chunk.tokens()).as("chunk %d", i).isEqualTo(tokenizer.count(chunk.text()))
                    .isLessThanOrEqualTo(MAX);
        }
    }

    /**
     * All input text is in the chunks, in order, without gaps: with whitespace ignored, each chunk is a piece of the
     * input that starts after the previous chunk started and no later than where the previous chunk ended.
     */
    static void assertCoversInOrder(List<String> paragraphs, List<Chunk> chunks) {
        String input = String.join("", paragraphs).replaceAll("\\s+", "");
        int previousStart = -1;
        int covered = 0;
        for (Chunk chunk : chunks) {
            String text = chunk.text().replaceAll("\\s+", "");
            int start = input.indexOf(text, previousStart + 1);
            assertThat(start).as("chunk %d is a piece of the input", chunk.position()).isGreaterThanOrEqualTo(0);
            assertThat(start).as("no gap before chunk %d", chunk.position()).isLessThanOrEqualTo(covered);
            covered = Math.max(covered, start + text.length());
            previousStart = start;
        }
        assertThat(covered).as("text covered").isEqualTo(input.length());
    }

    /** The longest end of {@code previous} that {@code next} starts with. */
    static String sharedEdge(String previous, String next) {
        for (int length = Math.min(previous.length(), next.length()); length > 0; length--) {
            if (previous.endsWith(next.substring(0, length))) {
                return next.substring(0, length);
            }
        }
        return "";
    }
}
