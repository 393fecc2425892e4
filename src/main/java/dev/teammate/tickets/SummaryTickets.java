package dev.teammate.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code direct:tickets-from-summary}: reads a meeting's {@code summary.json} (path in the header
 * {@value #SUMMARY_FILE}) and turns each verified action item into a {@link TicketProposal}; the body becomes that
 * list. Unverified items (their quote is not in the transcript) never become tickets: a ticket should rest on what
 * was said.
 */
public class SummaryTickets {

    /** Header holding the absolute path of the meeting's {@code summary.json}. */
    public static final String SUMMARY_FILE = "TeammateSummaryFile";

    private static final ObjectMapper JSON = new ObjectMapper();

    public void proposals(Exchange exchange) throws IOException {
        String path = exchange.getMessage().getHeader(SUMMARY_FILE, String.class);
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("header " + SUMMARY_FILE + " must name the meeting's summary.json");
        }
        exchange.getMessage().setBody(proposals(Path.of(path)));
    }

    static List<TicketProposal> proposals(Path summaryFile) throws IOException {
        JsonNode summary = JSON.readTree(Files.readString(summaryFile));
        String meeting = text(summary, "item");
        if (meeting == null) {
            throw new IllegalArgumentException(summaryFile.getFileName() + " names no meeting (no \"item\")");
        }
        String title = text(summary, "title");
        String link = text(summary, "link");
        List<TicketProposal> proposals = new ArrayList<>();
        for (JsonNode action : summary.path("action_items")) {
            String what = text(action, "what");
            if (what == null) {
                continue;
            }
            String owner = text(action, "owner");
            String due = text(action, "due");
            String time = text(action, "time");
            proposals.add(new TicketProposal("summary:" + meeting + "#" + normalized(what), what,
                    description(what, owner, due, text(action, "quote"), time, title), owner, due, title, link,
                    time));
        }
        return proposals;
    }

    private static String description(String what, String owner, String due, String quote, String time,
                                      String title) {
        StringBuilder text = new StringBuilder(what).append("\n\n");
        if (owner != null || due != null) {
            text.append(owner != null ? "Owner: " + owner + "." : "")
                    .append(owner != null && due != null ? " " : "")
                    .append(due != null ? "Due: " + due + "." : "")
                    .append("\n\n");
        }
        if (quote != null) {
            text.append("Said in ").append(title == null ? "the meeting" : title)
                    .append(time == null ? "" : " at " + time).append(": \"").append(quote).append('"');
        }
        return text.toString().strip();
    }

    /** The action's words without case and spacing, so a re-summary that only changes those finds the same id. */
    private static String normalized(String what) {
        return what.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().strip();
    }
}
