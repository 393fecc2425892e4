package dev.teammate.transcribe;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate: the word-level edit distance (substitutions, insertions, deletions) between what was heard and
 * the reference, over the reference's length. Both sides are compared as lower-case words without punctuation, a
 * hyphen splitting words, as the LibriVox references are written. Numbers are not normalised: those references
 * have none.
 */
final class WordErrorRate {

    private int errors;
    private int referenceWords;

    /** Adds one utterance to the running total and returns its own rate. */
    double add(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        int distance = distance(ref, hyp);
        errors += distance;
        referenceWords += ref.size();
        return ref.isEmpty() ? 0 : (double) distance / ref.size();
    }

    /** The rate over everything added so far. */
    double total() {
        return referenceWords == 0 ? 0 : (double) errors / referenceWords;
    }

    int errors() {
        return errors;
    }

    int referenceWords() {
        return referenceWords;
    }

    static List<String> words(String text) {
        String cleaned = text.toLowerCase(Locale.ROOT).replace('-', ' ').replaceAll("[^\\p{L}\\p{N}' ]", " ")
                .replaceAll("'(?!\\p{L})|(?<!\\p{L})'", " ").strip();
        return cleaned.isEmpty() ? List.of() : Arrays.asList(cleaned.split("\\s+"));
    }

    static int distance(List<String> reference, List<String> hypothesis) {
        int[] previous = new int[hypothesis.size() + 1];
        int[] current = new int[hypothesis.size() + 1];
        for (int j = 0; j <= hypothesis.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= reference.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hypothesis.size(); j++) {
                int substitution = previous[j - 1] + (reference.get(i - 1).equals(hypothesis.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[hypothesis.size()];
    }
}
