package dev.teammate.summarize;

import dev.teammate.llm.TokenEstimate;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a transcript too long for any model into parts that each fit, for the hierarchical path: parts end between
 * speaker turns, and each part starts with the last turns of the one before ({@code overlapTokens} worth), so a
 * point made across a cut is seen whole by at least one part. Every line is in at least one part.
 *
 * <p>A single turn longer than a part (a monologue transcribed as one cue) is cut between words.
 */
final class TranscriptParts {

    private TranscriptParts() {
    }

    /**
     * @param lines         the transcript's lines, as {@link MeetingTranscript#lines()}
     * @param partTokens    the most tokens a part may have
     * @param overlapTokens tokens of the previous part repeated at the start of the next; less than half a part
     */
    static List<String> split(List<String> lines, int partTokens, int overlapTokens) {
        if (partTokens < 50) {
            throw new IllegalArgumentException("a transcript part must hold at least 50 tokens, was " + partTokens);
        }
        if (overlapTokens < 0 || overlapTokens * 2 >= partTokens) {
            throw new IllegalArgumentException("the overlap (" + overlapTokens + " tokens) must be under half a part ("
                    + partTokens + ")");
        }
        List<String> pieces = new ArrayList<>();
        for (String line : lines) {
            pieces.addAll(cutLongLine(line, partTokens / 2));
        }

        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < pieces.size()) {
            int end = start;
            int tokens = 0;
            while (end < pieces.size() && tokens + cost(pieces.get(end)) <= partTokens) {
                tokens += cost(pieces.get(end));
                end++;
            }
            parts.add(String.join("\n", pieces.subList(start, end)));
            if (end == pieces.size()) {
                break;
            }
            // Step back over the last lines for the overlap, but always move forward by at least one line.
            int next = end;
            int overlap = 0;
            while (next - 1 > start && overlap + cost(pieces.get(next - 1)) <= overlapTokens) {
                next--;
                overlap += cost(pieces.get(next));
            }
            start = next;
        }
        return parts;
    }

    /** A line's tokens, counting the line break that joins it to the next. */
    private static int cost(String line) {
        return TokenEstimate.of(line) + 1;
    }

    private static List<String> cutLongLine(String line, int maxTokens) {
        if (cost(line) <= maxTokens) {
            return List.of(line);
        }
        List<String> pieces = new ArrayList<>();
        int maxChars = TokenEstimate.chars(maxTokens - 1);
        StringBuilder piece = new StringBuilder();
        for (String word : line.split(" ")) {
            if (piece.length() > 0 && piece.length() + 1 + word.length() > maxChars) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
            if (word.length() > maxChars) {
                // No spaces to cut at (a run of symbols): cut where the budget ends.
                for (int i = 0; i < word.length(); i += maxChars) {
                    pieces.add(word.substring(i, Math.min(word.length(), i + maxChars)));
                }
                continue;
            }
            piece.append(piece.length() > 0 ? " " : "").append(word);
        }
        if (piece.length() > 0) {
            pieces.add(piece.toString());
        }
        return pieces;
    }
}
