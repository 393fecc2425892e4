package dev.teammate.retrieve;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a model's answer against the sources it was given. Citations are {@code [n]} or {@code [n, m]}; a number
 * that names no source given to the model cites nothing that was retrieved, so it is taken out of the text and
 * reported, never passed on as a reference.
 */
public final class CitationCheck {

    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,3}(?:\\s*[,;]\\s*\\d{1,3})*)]");

    private CitationCheck() {
    }

    /**
     * @param text      the answer as corrected: citations to nothing removed
     * @param cited     the source numbers the answer cites, each given to the model
     * @param removed   the numbers cited that name no source, in order of appearance
     */
    public record Checked(String text, SortedSet<Integer> cited, List<Integer> removed) {

        public boolean clean() {
            return removed.isEmpty();
        }
    }

    public static Checked check(String answer, int sourceCount) {
        SortedSet<Integer> cited = new TreeSet<>();
        List<Integer> removed = new ArrayList<>();
        Matcher matcher = CITATION.matcher(answer);
        StringBuilder out = new StringBuilder(answer.length());
        while (matcher.find()) {
            List<String> kept = new ArrayList<>();
            for (String part : matcher.group(1).split("\\s*[,;]\\s*")) {
                int number = Integer.parseInt(part);
                if (number >= 1 && number <= sourceCount) {
                    cited.add(number);
                    kept.add(String.valueOf(number));
                } else {
                    removed.add(number);
                }
            }
            String replacement = kept.isEmpty() ? "" : "[" + String.join(", ", kept) + "]";
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        String text = removed.isEmpty() ? answer : out.toString().replaceAll(" +([.,;:!?])", "$1")
                .replaceAll(" {2,}", " ");
        return new Checked(text.strip(), cited, removed);
    }
}
