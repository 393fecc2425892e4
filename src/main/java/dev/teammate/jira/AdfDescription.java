package dev.teammate.jira;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a ticket's description into Atlassian Document Format, which REST v3 requires for an issue's description
 * (a plain string is refused). Blank lines separate paragraphs, a line break inside a paragraph is kept as a
 * {@code hardBreak}, and a block whose lines all start with {@code "- "} or {@code "* "} becomes a bullet list.
 * Other Markdown (emphasis, headings, code) is kept as its literal text: Jira shows it as written.
 *
 * <p>The document ends with where the ticket came from (the source's title as a link, and the time in it) and when
 * the hub proposed it, so a reader in Jira can go back to the meeting.
 */
public final class AdfDescription {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AdfDescription() {
    }

    public static ObjectNode of(IssueDraft draft) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("type", "doc");
        doc.put("version", 1);
        ArrayNode content = doc.putArray("content");
        for (List<String> block : blocks(draft.description())) {
            content.add(bulleted(block) ? bulletList(block) : paragraph(block));
        }
        content.add(sourceParagraph(draft));
        if (draft.proposedAt() != null) {
            ObjectNode proposed = node("paragraph");
            text(proposed.putArray("content"), "Proposed by Teammate on " + draft.proposedAt() + ".");
            content.add(proposed);
        }
        return doc;
    }

    private static ObjectNode sourceParagraph(IssueDraft draft) {
        ObjectNode paragraph = node("paragraph");
        ArrayNode inline = paragraph.putArray("content");
        text(inline, "Source: ");
        String title = draft.sourceTitle() != null ? draft.sourceTitle() : draft.sourceLink();
        if (title == null) {
            title = "not recorded";
        }
        ObjectNode titleNode = text(inline, title);
        if (linkable(draft.sourceLink())) {
            ObjectNode link = titleNode.putArray("marks").addObject();
            link.put("type", "link");
            link.putObject("attrs").put("href", draft.sourceLink());
        } else if (draft.sourceLink() != null && !draft.sourceLink().equals(title)) {
            // A link Jira would not open (a local file) is still worth showing, as text.
            text(inline, " (" + draft.sourceLink() + ")");
        }
        if (draft.sourceTime() != null) {
            text(inline, " at " + draft.sourceTime());
        }
        text(inline, ".");
        return paragraph;
    }

    /** Only links a browser can follow from Jira get a link mark. */
    private static boolean linkable(String link) {
        if (link == null) {
            return false;
        }
        String lower = link.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:");
    }

    private static List<List<String>> blocks(String description) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        String text = description == null ? "" : description.replace("\r\n", "\n").replace('\r', '\n');
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    blocks.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            current.add(line.stripTrailing());
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        return blocks;
    }

    private static boolean bulleted(List<String> block) {
        return block.stream().map(String::strip).allMatch(line -> line.startsWith("- ") || line.startsWith("* "));
    }

    private static ObjectNode bulletList(List<String> block) {
        ObjectNode list = node("bulletList");
        ArrayNode items = list.putArray("content");
        for (String line : block) {
            String item = line.strip().substring(2).strip();
            ObjectNode listItem = node("listItem");
            listItem.putArray("content").add(paragraph(List.of(item.isEmpty() ? "-" : item)));
            items.add(listItem);
        }
        return list;
    }

    private static ObjectNode paragraph(List<String> lines) {
        ObjectNode paragraph = node("paragraph");
        ArrayNode inline = paragraph.putArray("content");
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                inline.add(node("hardBreak"));
            }
            text(inline, lines.get(i));
        }
        return paragraph;
    }

    /** Adds a text node; ADF refuses empty text, which callers never pass. */
    private static ObjectNode text(ArrayNode inline, String text) {
        ObjectNode node = node("text");
        node.put("text", text);
        inline.add(node);
        return node;
    }

    private static ObjectNode node(String type) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        return node;
    }
}
