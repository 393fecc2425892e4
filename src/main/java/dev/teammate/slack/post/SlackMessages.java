package dev.teammate.slack.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Header;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what the hub posts to Slack: a meeting's summary, from its {@code summary.json}, and a drafted document,
 * from its Markdown. Both come out as mrkdwn cut into {@link SlackPost}s that Slack accepts whole: section blocks of
 * at most {@value #SECTION_LIMIT} characters (Slack's limit for a section's text), at most
 * {@value #SECTIONS_PER_MESSAGE} of them per message. Slack documents 50 blocks and 40,000 characters per message, but
 * refuses messages whose blocks hold much over 12,000 characters in all ({@code msg_blocks_too_long}), so a message
 * stays at 9,000.
 */
public final class SlackMessages {

    /** Header with the absolute path of a meeting's {@code summary.json}. */
    public static final String SUMMARY_FILE = "TeammateSummaryFile";
    /** Header with a draft's title. */
    public static final String DRAFT_TITLE = "TeammateDraftTitle";
    /** Header with the path of a draft's file in the outbox. */
    public static final String DRAFT_FILE = "TeammateDraftFile";

    public static final int SECTION_LIMIT = 3000;
    public static final int SECTIONS_PER_MESSAGE = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MrkdwnConverter converter = new MrkdwnConverter();
    private final MrkdwnSplitter splitter = new MrkdwnSplitter(SECTION_LIMIT);

    /**
     * The summary's post: the meeting's title (a link when the meeting has a web link), the summary, the decisions
     * and the verified action items with the quote that proves each; unverified items only as a count.
     */
    public List<SlackPost> meetingSummary(@Header(SUMMARY_FILE) String file) throws IOException {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("no " + SUMMARY_FILE + " header names the summary.json to post");
        }
        Path path = Path.of(file);
        JsonNode summary;
        try {
            summary = JSON.readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            throw new IOException("the meeting summary " + path + " does not exist", e);
        }
        String title = text(summary, "title", text(summary, "item", "meeting"));
        String link = text(summary, "link", null);

        StringBuilder md = new StringBuilder();
        md.append('*').append(linked(title, link)).append("*\n");
        md.append(converter.inline(text(summary, "summary", ""))).append("\n\n*Decisions*\n");
        bullets(md, summary.path("decisions"));
        md.append("\n*Action items*\n");
        actions(md, summary.path("action_items"));
        int unverified = summary.path("unverified_action_items").size();
        if (unverified > 0) {
            md.append("\n_").append(unverified).append(unverified == 1 ? " unverified item" : " unverified items")
                    .append(" not shown, see summary.md_\n");
        }
        return posts("summary of " + text(summary, "item", title), "Meeting summary: " + title, md.toString());
    }

    /** A drafted document, converted to mrkdwn under its title, in as many posts as it takes. */
    public List<SlackPost> draft(@Body String markdown, @Header(DRAFT_TITLE) String title,
                                 @Header(DRAFT_FILE) String file) {
        if (markdown == null || markdown.isBlank()) {
            throw new IllegalArgumentException("the draft " + (file == null ? title : file) + " is empty");
        }
        String name = title == null || title.isBlank() ? "Draft" : title.strip();
        String converted = converter.convert(markdown);
        // A draft usually opens with its title as a heading already; it is not repeated.
        String heading = "*" + MrkdwnConverter.escape(name) + "*";
        String text = converted.startsWith(heading) ? converted : heading + "\n\n" + converted;
        String what = "draft \"" + name + "\"" + (file == null ? "" : " (" + Path.of(file).getFileName() + ")");
        return posts(what, name, text);
    }

    private List<SlackPost> posts(String what, String fallback, String mrkdwn) {
        List<String> sections = splitter.split(mrkdwn);
        int count = (sections.size() + SECTIONS_PER_MESSAGE - 1) / SECTIONS_PER_MESSAGE;
        List<SlackPost> posts = new ArrayList<>();
        for (int part = 0; part < count; part++) {
            List<String> these = sections.subList(part * SECTIONS_PER_MESSAGE,
                    Math.min(sections.size(), (part + 1) * SECTIONS_PER_MESSAGE));
            String numbering = count == 1 ? "" : ", part " + (part + 1) + " of " + count;
            String partNote = count == 1 ? "" : " (part " + (part + 1) + " of " + count + ")";
            posts.add(new SlackPost(what + numbering, fallback + partNote, these));
        }
        return posts;
    }

    private String linked(String title, String link) {
        String escaped = MrkdwnConverter.escape(title);
        if (link == null || !(link.startsWith("https://") || link.startsWith("http://"))) {
            return escaped;
        }
        return "<" + MrkdwnConverter.escape(link) + "|" + escaped.replace("|", "¦") + ">";
    }

    private void bullets(StringBuilder md, JsonNode lines) {
        if (lines.isEmpty()) {
            md.append("None.\n");
        }
        for (JsonNode line : lines) {
            md.append("• ").append(converter.inline(line.asText())).append('\n');
        }
    }

    private void actions(StringBuilder md, JsonNode items) {
        if (items.isEmpty()) {
            md.append("None.\n");
        }
        for (JsonNode item : items) {
            md.append("• ").append(converter.inline(text(item, "what", "")));
            List<String> details = new ArrayList<>();
            String owner = text(item, "owner", null);
            String due = text(item, "due", null);
            if (owner != null) {
                details.add("owner: " + MrkdwnConverter.escape(owner));
            }
            if (due != null) {
                details.add("due: " + MrkdwnConverter.escape(due));
            }
            if (!details.isEmpty()) {
                md.append(" (").append(String.join(", ", details)).append(')');
            }
            md.append('\n');
            String quote = text(item, "quote", null);
            if (quote != null) {
                String time = text(item, "time", null);
                md.append("> \u201c").append(MrkdwnConverter.escape(quote)).append('\u201d')
                        .append(time == null ? "" : " at " + MrkdwnConverter.escape(time)).append('\n');
            }
        }
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? otherwise : value.asText().strip();
    }
}
