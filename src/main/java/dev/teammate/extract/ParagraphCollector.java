package dev.teammate.extract;

import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects the paragraphs of Tika's XHTML output: one per block element (paragraph, heading, list item, table row).
 *
 * <p>Tika's plain-text output cannot be used for this: PDF paragraphs come out as lines separated by single line
 * breaks, the same as wrapped lines inside a paragraph. The XHTML structure keeps the difference. Whitespace inside a
 * paragraph is collapsed (PDF line wraps become spaces) except in {@code <pre>}, where line breaks carry meaning.
 * Cells of a table row are joined with {@code " | "} so a row stays one readable line.
 */
final class ParagraphCollector extends DefaultHandler {

    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd",
            "pre", "blockquote", "tr", "table", "ul", "ol", "dl", "section", "article", "header", "footer", "aside",
            "nav", "figure", "figcaption", "caption", "address", "body", "hr");
    private static final Set<String> CELLS = Set.of("td", "th");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern TRAILING_SPACES = Pattern.compile("[ \\t\\u00A0]+\\n");

    private final List<String> paragraphs = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private int cellDepth;
    private int preDepth;
    private boolean cellsInRow;

    List<String> paragraphs() {
        flush();
        return paragraphs;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        String name = name(localName, qName);
        if (CELLS.contains(name)) {
            if (cellsInRow) {
                current.append(" | ");
            }
            cellsInRow = true;
            cellDepth++;
        } else if ("br".equals(name)) {
            current.append('\n');
        } else if (BLOCKS.contains(name)) {
            if (cellDepth > 0) {
                // A paragraph inside a table cell belongs to the row, not a paragraph of its own.
                current.append(' ');
                return;
            }
            if ("tr".equals(name)) {
                cellsInRow = false;
            }
            flush();
            if ("pre".equals(name)) {
                preDepth++;
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = name(localName, qName);
        if (CELLS.contains(name)) {
            cellDepth = Math.max(0, cellDepth - 1);
        } else if (BLOCKS.contains(name)) {
            if (cellDepth > 0) {
                current.append(' ');
                return;
            }
            flush();
            if ("pre".equals(name)) {
                preDepth = Math.max(0, preDepth - 1);
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        current.append(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        current.append(ch, start, length);
    }

    private void flush() {
        if (current.isEmpty()) {
            return;
        }
        String text;
        if (preDepth > 0) {
            text = TRAILING_SPACES.matcher(current.toString().replace("\r\n", "\n")).replaceAll("\n").strip();
        } else {
            text = SPACES.matcher(current).replaceAll(" ").strip();
        }
        current.setLength(0);
        if (!text.isEmpty()) {
            paragraphs.add(text);
        }
    }

    private static String name(String localName, String qName) {
        String name = localName == null || localName.isEmpty() ? qName : localName;
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }
}
