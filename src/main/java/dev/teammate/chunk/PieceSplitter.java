package dev.teammate.chunk;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * Cuts text into sentences, and sentences that are too long into runs of whole words (or, for a "word" that is too
 * long itself, runs of characters), counting each piece once.
 *
 * <p>Counting pieces separately is exact, not an estimate: the MiniLM tokenizer (BERT word pieces) splits on
 * whitespace before anything else, so the word pieces of two texts joined by whitespace are the word pieces of each.
 * That lets a chunk's length be the sum of its pieces' lengths without tokenizing the growing chunk again.
 */
final class PieceSplitter {

    /** Text longer than this is not counted whole: it is far over any chunk size and would cost a large encoding. */
    static final int LONG_CHARS = 20_000;

    private static final double INITIAL_CHARS_PER_TOKEN = 4.0;

    private final ToIntFunction<String> counter;

    PieceSplitter(ToIntFunction<String> counter) {
        this.counter = counter;
    }

    int count(String text) {
        return counter.applyAsInt(text);
    }

    /**
     * The sentences of {@code text}, each at most {@code sentenceLimit} word pieces; longer ones are cut into parts of
     * at most {@code partLimit}.
     */
    List<TextPiece> sentences(String text, int sentenceLimit, int partLimit) {
        List<TextPiece> pieces = new ArrayList<>();
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        int previousEnd = -1;
        int start = sentences.first();
        for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
            int from = skipSpace(text, start, end);
            int to = trimSpace(text, from, end);
            if (from >= to) {
                continue;
            }
            String joiner = previousEnd >= 0 && text.substring(previousEnd, from).indexOf('\n') >= 0 ? "\n" : " ";
            previousEnd = to;
            String sentence = text.substring(from, to);
            if (sentence.length() > LONG_CHARS) {
                pieces.addAll(parts(sentence, partLimit, joiner));
                continue;
            }
            int tokens = count(sentence);
            if (tokens <= sentenceLimit) {
                pieces.add(new TextPiece(sentence, tokens, joiner));
            } else {
                pieces.addAll(parts(sentence, partLimit, joiner));
            }
        }
        return pieces;
    }

    /** Cuts {@code text} into runs of whole words of at most {@code limit} word pieces each. */
    List<TextPiece> parts(String text, int limit, String firstJoiner) {
        List<TextPiece> parts = new ArrayList<>();
        double charsPerToken = INITIAL_CHARS_PER_TOKEN;
        int length = text.length();
        int pos = skipSpace(text, 0, length);
        while (pos < length) {
            int end = wordEndBefore(text, pos, pos + goal(limit, charsPerToken));
            while (true) {
                String part = text.substring(pos, end);
                int tokens = count(part);
                if (tokens <= limit) {
                    parts.add(new TextPiece(part, tokens, parts.isEmpty() ? firstJoiner : " "));
                    charsPerToken = learn(part.length(), tokens);
                    break;
                }
                if (end == firstWordEnd(text, pos)) {
                    for (TextPiece piece : characterRuns(part, limit)) {
                        parts.add(new TextPiece(piece.text(), piece.tokens(), parts.isEmpty() ? firstJoiner : " "));
                    }
                    break;
                }
                int shrunk = (int) ((end - pos) * 0.9 * limit / tokens);
                end = wordEndBefore(text, pos, pos + Math.max(1, shrunk));
            }
            pos = skipSpace(text, end, length);
        }
        return parts;
    }

    /** The last resort for one enormous "word" (a URL, a base64 blob): runs of characters. */
    private List<TextPiece> characterRuns(String word, int limit) {
        List<TextPiece> runs = new ArrayList<>();
        double charsPerToken = 1.0;
        int pos = 0;
        while (pos < word.length()) {
            int end = safeEnd(word, pos, Math.min(word.length(), pos + goal(limit, charsPerToken)));
            while (true) {
                String run = word.substring(pos, end);
                int tokens = count(run);
                if (tokens <= limit || end - pos <= 1) {
                    runs.add(new TextPiece(run, tokens, " "));
                    charsPerToken = learn(run.length(), tokens);
                    break;
                }
                end = safeEnd(word, pos, pos + Math.max(1, (int) ((end - pos) * 0.9 * limit / tokens)));
            }
            pos = end;
        }
        return runs;
    }

    private static int goal(int limit, double charsPerToken) {
        return Math.max(1, (int) (limit * 0.8 * charsPerToken));
    }

    private static double learn(int chars, int tokens) {
        // Bounded so that a run of [UNK] words (one token each, however long) does not make the next guess enormous.
        return Math.max(1.0, Math.min(50.0, chars / (double) Math.max(1, tokens)));
    }

    /** End of the last whole word that ends at or before {@code limit}, or of the first word if none does. */
    private static int wordEndBefore(String text, int pos, int limit) {
        if (limit >= text.length()) {
            return trimSpace(text, pos, text.length());
        }
        for (int i = limit; i > pos; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                int end = trimSpace(text, pos, i);
                if (end > pos) {
                    return end;
                }
            }
        }
        return firstWordEnd(text, pos);
    }

    private static int firstWordEnd(String text, int pos) {
        int i = pos;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Moves a cut back so that it does not separate the two halves of a surrogate pair. */
    private static int safeEnd(String text, int pos, int end) {
        if (end < text.length() && end > pos + 1 && Character.isHighSurrogate(text.charAt(end - 1))) {
            return end - 1;
        }
        return Math.max(end, pos + 1);
    }

    private static int skipSpace(String text, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimSpace(String text, int from, int to) {
        int i = to;
        while (i > from && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
