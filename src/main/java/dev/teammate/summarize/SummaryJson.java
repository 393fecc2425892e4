package dev.teammate.summarize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teammate.summarize.MeetingSummary.ActionItem;
import dev.teammate.summarize.MeetingSummary.SpeakerPoints;

import java.util.ArrayList;
import java.util.List;

/**
 * The summary JSON the prompts ask for. Reads a model's reply as such, and says precisely what is wrong when it is
 * not: that text goes back to the model once, in the repair prompt. Writes a summary back in the same shape, for
 * the prompt that combines the summaries of a long meeting's parts.
 *
 * <p>Models often wrap JSON in a Markdown fence or a sentence; the outermost object is taken from the reply, but
 * nothing inside it is guessed: a missing or mistyped field is an error.
 */
final class SummaryJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryJson() {
    }

    /** The summary as the model stated it; every action item still unverified (no note yet). */
    static MeetingSummary read(String reply) throws InvalidSummaryException {
        if (reply == null || reply.isBlank()) {
            throw new InvalidSummaryException("the reply was empty; it must be one JSON object");
        }
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new InvalidSummaryException("the reply holds no JSON object; it must be one JSON object and nothing"
                    + " else");
        }
        JsonNode root;
        try {
            root = JSON.readTree(reply.substring(start, end + 1));
        } catch (JsonProcessingException e) {
            throw new InvalidSummaryException("the reply is not valid JSON: " + e.getOriginalMessage());
        }

        List<String> problems = new ArrayList<>();
        String summary = text(root, "summary", problems, true);
        List<SpeakerPoints> speakers = new ArrayList<>();
        for (JsonNode speaker : array(root, "speakers", problems)) {
            String name = text(speaker, "name", problems, true);
            List<String> points = strings(speaker, "points", problems);
            if (name != null) {
                speakers.add(new SpeakerPoints(name, points));
            }
        }
        List<String> decisions = strings(root, "decisions", problems);
        List<ActionItem> actions = new ArrayList<>();
        int index = 0;
        for (JsonNode action : array(root, "action_items", problems)) {
            String where = "action_items[" + index++ + "]";
            String what = text(action, "what", problems, true, where);
            String owner = text(action, "owner", problems, false, where);
            String due = text(action, "due", problems, false, where);
            String quote = text(action, "quote", problems, true, where);
            String time = text(action, "time", problems, false, where);
            actions.add(new ActionItem(what, owner, due, quote, time, null));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSummaryException(String.join("; ", problems));
        }
        return new MeetingSummary(summary, speakers, decisions, actions, List.of());
    }

    /** The summary in the shape the prompts ask for (verified action items only). */
    static String write(MeetingSummary summary) {
        return tree(summary).toString();
    }

    /** The summary as a JSON tree in the prompts' shape, with the verified action items. */
    static ObjectNode tree(MeetingSummary summary) {
        ObjectNode root = JSON.createObjectNode();
        root.put("summary", summary.summary());
        ArrayNode speakers = root.putArray("speakers");
        for (SpeakerPoints speaker : summary.speakers()) {
            ObjectNode node = speakers.addObject();
            node.put("name", speaker.name());
            speaker.points().forEach(node.putArray("points")::add);
        }
        summary.decisions().forEach(root.putArray("decisions")::add);
        addActions(root.putArray("action_items"), summary.actions());
        return root;
    }

    /** Action items in the prompts' shape, plus why an item is unverified when it is. */
    static void addActions(ArrayNode array, List<ActionItem> items) {
        for (ActionItem item : items) {
            ObjectNode node = array.addObject();
            node.put("what", item.what());
            node.put("owner", item.owner());
            node.put("due", item.due());
            node.put("quote", item.quote());
            node.put("time", item.time());
            if (item.note() != null) {
                node.put("unverified_because", item.note());
            }
        }
    }

    private static String text(JsonNode node, String field, List<String> problems, boolean required) {
        return text(node, field, problems, required, null);
    }

    private static String text(JsonNode node, String field, List<String> problems, boolean required, String where) {
        String name = where == null ? field : where + "." + field;
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            if (required) {
                problems.add("\"" + name + "\" is missing or empty");
            }
            return null;
        }
        if (!value.isTextual()) {
            problems.add("\"" + name + "\" must be a string, was " + value.getNodeType().toString().toLowerCase());
            return null;
        }
        return value.asText().strip();
    }

    private static List<JsonNode> array(JsonNode node, String field, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problems.add("\"" + field + "\" is missing (use [] when there are none)");
            return List.of();
        }
        if (!value.isArray()) {
            problems.add("\"" + field + "\" must be an array");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (item.isObject()) {
                items.add(item);
            } else {
                problems.add("every entry of \"" + field + "\" must be an object");
            }
        }
        return items;
    }

    private static List<String> strings(JsonNode node, String field, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problems.add("\"" + field + "\" is missing (use [] when there are none)");
            return List.of();
        }
        if (!value.isArray()) {
            problems.add("\"" + field + "\" must be an array of strings");
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : value) {
            if (item.isTextual() && !item.asText().isBlank()) {
                texts.add(item.asText().strip());
            } else if (!item.isTextual()) {
                problems.add("every entry of \"" + field + "\" must be a string");
            }
        }
        return texts;
    }
}
