package dev.teammate.tickets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ticket's file: a small header between two {@code ---} lines, one {@code field: value} per line, then the
 * description as plain text or light Markdown. The header looks like Markdown front matter, so editors and Git
 * hosts show it well, but it is read as plain lines, not YAML: a value is everything after the first colon, with no
 * quoting, and a field may be left empty.
 *
 * <pre>
 * ---
 * id: 3f9a1c2b7d4e
 * project: TEAM
 * type: Task
 * summary: Fix the retry budget
 * labels: teammate, from-meeting
 * owner: Ravi
 * assignee: 5b10a2844c20165700ede21g
 * due: 2026-12-10
 * ...
 * ---
 * Description.
 * </pre>
 */
public final class TicketFile {

    private static final String FENCE = "---";
    private static final String NOTE = "# Edit any field or the description, then approve: move this file to the"
            + " approved folder\n# or POST /api/tickets/<id>/approve. Delete it to drop the ticket. Keep the id: it"
            + " stops duplicates.\n";

    private TicketFile() {
    }

    public static Ticket read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    public static void write(Path file, Ticket ticket) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling("." + file.getFileName() + ".part");
        Files.writeString(partial, format(ticket), StandardCharsets.UTF_8);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String format(Ticket ticket) {
        StringBuilder text = new StringBuilder(FENCE).append('\n');
        if (ticket.jiraKey() == null) {
            text.append(NOTE);
        }
        field(text, "id", ticket.id());
        field(text, "project", ticket.project());
        field(text, "type", ticket.type());
        field(text, "summary", ticket.summary());
        field(text, "labels", String.join(", ", ticket.labels()));
        field(text, "owner", ticket.owner());
        field(text, "assignee", ticket.assignee());
        field(text, "due", ticket.due());
        field(text, "source", ticket.sourceTitle());
        field(text, "link", ticket.sourceLink());
        field(text, "time", ticket.sourceTime());
        field(text, "origin", ticket.origin());
        field(text, "proposed", ticket.proposed());
        if (ticket.jiraKey() != null) {
            field(text, "jira", ticket.jiraKey());
            field(text, "url", ticket.jiraUrl());
            field(text, "created", ticket.created());
        }
        text.append(FENCE).append('\n');
        if (ticket.description() != null && !ticket.description().isBlank()) {
            text.append(ticket.description().strip()).append('\n');
        }
        return text.toString();
    }

    static Ticket parse(String name, String content) {
        String[] lines = content.replace("\r\n", "\n").split("\n", -1);
        int start = 0;
        while (start < lines.length && lines[start].isBlank()) {
            start++;
        }
        if (start >= lines.length || !lines[start].strip().equals(FENCE)) {
            throw new TicketFormatException(name + " does not start with a '---' line opening its header");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        int end = start + 1;
        for (; end < lines.length && !lines[end].strip().equals(FENCE); end++) {
            String line = lines[end];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new TicketFormatException(name + ": header line '" + line.strip() + "' is not 'field: value'");
            }
            String value = line.substring(colon + 1).strip();
            fields.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
                    value.isEmpty() ? null : value);
        }
        if (end >= lines.length) {
            throw new TicketFormatException(name + ": the header is not closed by a '---' line");
        }
        String description = String.join("\n", Arrays.asList(lines).subList(end + 1, lines.length)).strip();
        return new Ticket(required(fields, "id", name), fields.get("origin"), required(fields, "project", name),
                required(fields, "type", name), required(fields, "summary", name), labels(fields.get("labels")),
                fields.get("owner"), fields.get("assignee"), fields.get("due"), fields.get("source"),
                fields.get("link"), fields.get("time"), fields.get("proposed"), fields.get("jira"),
                fields.get("url"), fields.get("created"), description);
    }

    private static List<String> labels(String value) {
        List<String> labels = new ArrayList<>();
        if (value != null) {
            for (String label : value.split("[,\\s]+")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        return labels;
    }

    private static String required(Map<String, String> fields, String field, String name) {
        String value = fields.get(field);
        if (value == null) {
            throw new TicketFormatException(name + ": the header has no " + field);
        }
        return value;
    }

    private static void field(StringBuilder text, String name, String value) {
        // A value must stay on its line, or the rest of it would be read as another field.
        String single = value == null ? "" : value.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        text.append(name).append(':');
        if (!single.isEmpty()) {
            text.append(' ').append(single);
        }
        text.append('\n');
    }
}
