package dev.teammate.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The descriptions {@link AdfDescription} builds are valid Atlassian Document Format: checked against Atlassian's own
 * JSON schema ({@code adf-schema-full.json}, see {@code src/test/resources/jira/SOURCES.md}) by a small validator of
 * the draft-04 keywords that schema uses.
 */
class JiraAdfDescriptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = JiraAdfDescriptionTest.class.getResourceAsStream("/jira/adf-schema-full.json")) {
            schema = JSON.readTree(in);
        }
    }

    @Test
    void aDescriptionIsAValidDocumentWithParagraphsAListAndALinkToTheSource() {
        ObjectNode doc = AdfDescription.of(draft("Card retries give up too early.\nSee the dashboard.\n\n"
                + "- check the budget\n* add a metric\n\nSaid in Standup at 00:41:07: \"I will fix it\"",
                "https://meet.example.com/rec/1"));

        assertEquals(List.of(), validate(doc), doc.toPrettyString());
        assertEquals("doc", doc.path("type").asText());
        assertEquals(1, doc.path("version").asInt());
        JsonNode first = doc.path("content").get(0);
        assertEquals("paragraph", first.path("type").asText());
        assertEquals("hardBreak", first.path("content").get(1).path("type").asText());
        assertEquals("bulletList", doc.path("content").get(1).path("type").asText());
        assertEquals(2, doc.path("content").get(1).path("content").size());

        JsonNode source = doc.path("content").get(3);
        assertEquals("paragraph", source.path("type").asText());
        JsonNode title = source.path("content").get(1);
        assertEquals("text", title.path("type").asText());
        assertEquals("Standup", title.path("text").asText());
        assertEquals("link", title.path("marks").get(0).path("type").asText());
        assertEquals("https://meet.example.com/rec/1", title.path("marks").get(0).path("attrs").path("href")
                .asText());
        assertTrue(source.toString().contains(" at 00:41:07"), source.toString());
        assertTrue(doc.path("content").get(4).toString().contains("2026-12-01T09:00:00Z"));
    }

    @Test
    void aLinkJiraCannotOpenIsShownAsTextAndAnEmptyDescriptionStillMakesAValidDocument() {
        ObjectNode doc = AdfDescription.of(draft("", "file:standup.vtt"));

        assertEquals(List.of(), validate(doc), doc.toPrettyString());
        assertFalse(doc.toString().contains("\"marks\""), doc.toString());
        assertTrue(doc.toString().contains("(file:standup.vtt)"), doc.toString());
    }

    @Test
    void theValidatorRefusesWhatTheSchemaForbids() {
        ObjectNode emptyText = AdfDescription.of(draft("text", null));
        ((ObjectNode) emptyText.path("content").get(0).path("content").get(0)).put("text", "");
        assertFalse(validate(emptyText).isEmpty(), "text nodes need text");

        ObjectNode wrongVersion = AdfDescription.of(draft("text", null));
        wrongVersion.put("version", 2);
        assertFalse(validate(wrongVersion).isEmpty(), "only version 1 exists");

        ObjectNode linkWithoutHref = AdfDescription.of(draft("text", "https://example.com"));
        ObjectNode mark = (ObjectNode) linkWithoutHref.path("content").get(1).path("content").get(1).path("marks")
                .get(0);
        mark.putObject("attrs");
        assertFalse(validate(linkWithoutHref).isEmpty(), "a link needs its href");
    }

    private static IssueDraft draft(String description, String link) {
        return new IssueDraft("TEAM", "Task", "Fix the retry budget", description, List.of("teammate"),
                "teammate-0123456789ab", null, null, "Standup", link, "00:41:07", "2026-12-01T09:00:00Z");
    }

    private static List<String> validate(JsonNode doc) {
        List<String> errors = new ArrayList<>();
        check(doc, schema, "$", errors);
        return errors;
    }

    /** Draft-04 validation limited to the keywords {@code adf-schema-full.json} uses. */
    private static void check(JsonNode value, JsonNode rule, String at, List<String> errors) {
        if (rule.has("$ref")) {
            String name = rule.get("$ref").asText().substring("#/definitions/".length());
            check(value, schema.path("definitions").path(name), at, errors);
        }
        for (JsonNode part : rule.path("allOf")) {
            check(value, part, at, errors);
        }
        if (rule.has("anyOf")) {
            boolean any = false;
            for (JsonNode option : rule.get("anyOf")) {
                List<String> optionErrors = new ArrayList<>();
                check(value, option, at, optionErrors);
                any |= optionErrors.isEmpty();
            }
            if (!any) {
                errors.add(at + ": matches none of anyOf");
            }
        }
        if (rule.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : rule.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                errors.add(at + ": " + value + " is not one of " + rule.get("enum"));
            }
        }
        if (rule.has("type") && !hasType(value, rule.get("type").asText())) {
            errors.add(at + ": is not of type " + rule.get("type").asText());
            return;
        }
        if (value.isTextual()) {
            if (rule.has("minLength") && value.asText().length() < rule.get("minLength").asInt()) {
                errors.add(at + ": shorter than " + rule.get("minLength"));
            }
            if (rule.has("pattern") && !Pattern.compile(rule.get("pattern").asText()).matcher(value.asText()).find()) {
                errors.add(at + ": does not match " + rule.get("pattern"));
            }
        }
        if (value.isNumber()) {
            if (rule.has("minimum") && value.asDouble() < rule.get("minimum").asDouble()) {
                errors.add(at + ": below " + rule.get("minimum"));
            }
            if (rule.has("maximum") && value.asDouble() > rule.get("maximum").asDouble()) {
                errors.add(at + ": above " + rule.get("maximum"));
            }
        }
        if (value.isArray()) {
            if (rule.has("minItems") && value.size() < rule.get("minItems").asInt()) {
                errors.add(at + ": fewer items than " + rule.get("minItems"));
            }
            if (rule.has("maxItems") && value.size() > rule.get("maxItems").asInt()) {
                errors.add(at + ": more items than " + rule.get("maxItems"));
            }
            JsonNode items = rule.get("items");
            for (int i = 0; items != null && i < value.size(); i++) {
                check(value.get(i), items.isArray() ? items.path(Math.min(i, items.size() - 1)) : items,
                        at + "[" + i + "]", errors);
            }
        }
        if (value.isObject()) {
            for (JsonNode required : rule.path("required")) {
                if (!value.has(required.asText())) {
                    errors.add(at + ": lacks " + required.asText());
                }
            }
            JsonNode properties = rule.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (properties.has(field.getKey())) {
                    check(field.getValue(), properties.get(field.getKey()), at + "." + field.getKey(), errors);
                } else if (rule.path("additionalProperties").isBoolean()
                        && !rule.get("additionalProperties").asBoolean()) {
                    errors.add(at + ": " + field.getKey() + " is not allowed");
                }
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }
}
