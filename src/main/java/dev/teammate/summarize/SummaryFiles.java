package dev.teammate.summarize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teammate.extract.ExtractedText;
import dev.teammate.extract.Segment;
import dev.teammate.item.Item;
import dev.teammate.summarize.MeetingSummary.ActionItem;
import dev.teammate.summarize.MeetingSummary.SpeakerPoints;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a meeting's summary next to its transcript, as {@code summary.md} for people and {@code summary.json} for
 * programs, and gives the text that is indexed so that search finds decisions and action items.
 */
final class SummaryFiles {

    static final String MARKDOWN = "summary.md";
    static final String JSON_FILE = "summary.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryFiles() {
    }

    /**
     * @param how which path made the summary, for example {@code tier small} or {@code in 4 parts, tier large}
     */
    static void write(Path folder, Item meeting, MeetingSummary summary, String how) throws IOException {
        Files.createDirectories(folder);
        replace(folder.resolve(MARKDOWN), markdown(meeting, summary));
        replace(folder.resolve(JSON_FILE), json(meeting, summary, how));
    }

    static String markdown(Item meeting, MeetingSummary summary) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(meeting.title()).append("\n\n").append(summary.summary()).append("\n");
        if (!summary.speakers().isEmpty()) {
            md.append("\n## Speakers\n\n");
            for (SpeakerPoints speaker : summary.speakers()) {
                md.append("- **").append(speaker.name()).append("**: ").append(String.join("; ", speaker.points()))
                        .append('\n');
            }
        }
        md.append("\n## Decisions\n\n");
        list(md, summary.decisions());
        md.append("\n## Action items\n\n");
        actions(md, summary.actions());
        if (!summary.unverified().isEmpty()) {
            md.append("\n## Unverified action items\n\nThe model gave these, but their quotes are not in the"
                    + " transcript: check them before acting on them.\n\n");
            actions(md, summary.unverified());
        }
        return md.toString();
    }

    private static void list(StringBuilder md, List<String> lines) {
        if (lines.isEmpty()) {
            md.append("None.\n");
        }
        for (String line : lines) {
            md.append("- ").append(line).append('\n');
        }
    }

    private static void actions(StringBuilder md, List<ActionItem> items) {
        if (items.isEmpty()) {
            md.append("None.\n");
        }
        for (ActionItem item : items) {
            md.append("- [ ] ").append(item.what());
            List<String> details = new ArrayList<>();
            if (item.owner() != null) {
                details.add("owner: " + item.owner());
            }
            if (item.due() != null) {
                details.add("due: " + item.due());
            }
            if (!details.isEmpty()) {
                md.append(" (").append(String.join(", ", details)).append(')');
            }
            md.append('\n');
            if (item.quote() != null) {
                md.append("  > \"").append(item.quote()).append('"');
                if (item.time() != null) {
                    md.append(" at ").append(item.time());
                }
                md.append('\n');
            }
            if (item.note() != null) {
                md.append("  (unverified: ").append(item.note()).append(")\n");
            }
        }
    }

    static String json(Item meeting, MeetingSummary summary, String how) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("item", meeting.id());
        root.put("title", meeting.title());
        root.put("version", meeting.version());
        root.put("link", meeting.link());
        root.put("made", how);
        root.setAll(SummaryJson.tree(summary));
        SummaryJson.addActions(root.putArray("unverified_action_items"), summary.unverified());
        return JSON.writeValueAsString(root);
    }

    /** What is indexed for the summary: its paragraph, each decision, each verified action item. */
    static ExtractedText searchable(Item meeting, MeetingSummary summary) {
        List<Segment> paragraphs = new ArrayList<>();
        paragraphs.add(Segment.paragraph("Summary of " + meeting.title() + ": " + summary.summary()));
        for (String decision : summary.decisions()) {
            paragraphs.add(Segment.paragraph("Decision in " + meeting.title() + ": " + decision));
        }
        for (ActionItem item : summary.actions()) {
            StringBuilder text = new StringBuilder("Action item from ").append(meeting.title()).append(": ")
                    .append(item.what());
            if (item.owner() != null) {
                text.append(" (owner ").append(item.owner()).append(')');
            }
            if (item.due() != null) {
                text.append(", due ").append(item.due());
            }
            text.append(". Said");
            if (item.time() != null) {
                text.append(" at ").append(item.time());
            }
            text.append(": \"").append(item.quote()).append('"');
            paragraphs.add(Segment.paragraph(text.toString()));
        }
        return new ExtractedText("Summary of " + meeting.title(), paragraphs, false);
    }

    private static void replace(Path target, String content) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".part");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
