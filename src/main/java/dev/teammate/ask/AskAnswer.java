package dev.teammate.ask;

import dev.teammate.retrieve.Source;

import java.util.List;

/**
 * The answer to a question.
 *
 * @param found      false when the data holds nothing on the question (then {@code text} says so)
 * @param text       the answer, its citations checked: each {@code [n]} names one of {@code citations}
 * @param citations  the sources the answer cites, by their number in the text
 * @param considered how many sources the model was given
 * @param removed    citation numbers the model wrote that named no source given to it, taken out of the text
 * @param tier       the model tier that answered, or {@code null} when no model was asked
 */
public record AskAnswer(boolean found, String text, List<Source> citations, int considered, List<Integer> removed,
        String tier) {

    /** Said instead of an answer when the data holds nothing on the question. */
    public static final String NOT_FOUND = "Not found in your data.";

    public static AskAnswer notFound(int considered, String tier) {
        return new AskAnswer(false, NOT_FOUND, List.of(), considered, List.of(), tier);
    }
}
