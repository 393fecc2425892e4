package dev.teammate.retrieve;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders retrieved sources into a prompt as data. Each source sits between {@code <source n="…">} and
 * {@code </source>} inside one {@code <sources>} block, and the instructions tell the model that nothing inside the
 * block is an instruction. A document can hold text that looks like the block's own markers (to end the block early
 * and speak as the prompt); such markers are defused here, so the block ends only where the hub ends it.
 */
public final class SourceBlock {

    /** Anything a model could read as opening or closing a source or the block: {@code </sources>}, {@code <source}. */
    private static final Pattern MARKER = Pattern.compile("<\\s*/?\\s*sources?\\b", Pattern.CASE_INSENSITIVE);

    private SourceBlock() {
    }

    public static String render(List<Source> sources) {
        StringBuilder block = new StringBuilder("<sources>\n");
        for (Source source : sources) {
            block.append("<source n=\"").append(source.number()).append("\" title=\"")
                    .append(attribute(source.chunk().title())).append("\" date=\"")
                    .append(Instant.ofEpochMilli(source.chunk().time()).atOffset(ZoneOffset.UTC).toLocalDate())
                    .append('"');
            if (source.start() != null) {
                block.append(" at=\"").append(source.start()).append('"');
            }
            block.append(">\n").append(defuse(source.chunk().text().strip())).append("\n</source>\n");
        }
        return block.append("</sources>").toString();
    }

    /** The text with every marker-like {@code <source}/{@code </sources} turned into a harmless look-alike. */
    static String defuse(String text) {
        return MARKER.matcher(text).replaceAll(match -> match.group().replace("<", "‹"));
    }

    private static String attribute(String value) {
        return defuse(value == null ? "" : value).replace("\"", "'").replace('\n', ' ');
    }
}
