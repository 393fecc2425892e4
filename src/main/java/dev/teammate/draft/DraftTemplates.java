package dev.teammate.draft;

import dev.teammate.retrieve.TimeWindow;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The draft templates: one Markdown file per kind of document in the templates folder's {@code drafts/}, a person's
 * to edit and to add to. A file starts with a YAML header between {@code ---} lines (title, tier, window, sources,
 * queries, per_query, max_sources, min_similarity, topic, output); the rest of the file is the instructions. Files
 * are read at every use, so an edit applies to the next draft.
 */
public class DraftTemplates {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final String FENCE = "---";

    private final Path folder;
    private final String defaultTier;
    private final double defaultMinSimilarity;

    public DraftTemplates(Path folder, String defaultTier, double defaultMinSimilarity) {
        this.folder = folder;
        this.defaultTier = defaultTier;
        this.defaultMinSimilarity = defaultMinSimilarity;
    }

    /** The template's names, sorted. */
    public List<String> names() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - 3))
                    .filter(n -> NAME.matcher(n).matches())
                    .sorted()
                    .toList();
        }
    }

    /**
     * The template of that name.
     *
     * @throws UnknownTemplateException when there is no such template (the message lists the ones there are)
     * @throws IOException              when the file cannot be read or its header is wrong (the message says where)
     */
    public DraftTemplate load(String name) throws IOException {
        if (name == null || !NAME.matcher(name).matches() || !Files.isRegularFile(folder.resolve(name + ".md"))) {
            throw new UnknownTemplateException("no draft template '" + name + "'; there are " + names());
        }
        Path file = folder.resolve(name + ".md");
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        if (!text.startsWith(FENCE + "\n")) {
            throw new IOException(file.getFileName() + ": a draft template starts with a header between --- lines");
        }
        int end = text.indexOf("\n" + FENCE, FENCE.length());
        if (end < 0) {
            throw new IOException(file.getFileName() + ": the header has no closing --- line");
        }
        Map<?, ?> header;
        try {
            Object parsed = new Load(LoadSettings.builder().build()).loadFromString(text.substring(4, end));
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new IOException(file.getFileName() + ": the header must be a YAML mapping of settings");
            }
            header = map;
        } catch (YamlEngineException e) {
            throw new IOException(file.getFileName() + ": the header is not valid YAML: " + e.getMessage(), e);
        }
        String instructions = text.substring(text.indexOf('\n', end + 1) + 1).strip();
        if (instructions.isEmpty()) {
            throw new IOException(file.getFileName() + ": the instructions below the header are empty");
        }
        try {
            return new DraftTemplate(name, string(header, "title", name), string(header, "tier", defaultTier),
                    TimeWindow.parse(string(header, "window", "all")), set(header, "sources"),
                    queries(header), integer(header, "per_query", 6), integer(header, "max_sources", 12),
                    similarity(header), needsTopic(header), output(header), instructions);
        } catch (IllegalArgumentException e) {
            throw new IOException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static List<String> queries(Map<?, ?> header) {
        List<String> queries = new ArrayList<>(set(header, "queries"));
        if (queries.isEmpty()) {
            queries.add("{{topic}}");
        }
        return queries;
    }

    private double similarity(Map<?, ?> header) {
        Object value = header.get("min_similarity");
        if (value == null) {
            return defaultMinSimilarity;
        }
        if (!(value instanceof Number number) || number.doubleValue() < -1 || number.doubleValue() > 1) {
            throw new IllegalArgumentException("min_similarity must be a number from -1 to 1, was " + value);
        }
        return number.doubleValue();
    }

    private static boolean needsTopic(Map<?, ?> header) {
        String topic = string(header, "topic", "required");
        if (!topic.equals("required") && !topic.equals("optional")) {
            throw new IllegalArgumentException("topic must be required or optional, was " + topic);
        }
        return topic.equals("required");
    }

    private static String output(Map<?, ?> header) {
        String output = string(header, "output", "markdown");
        if (!output.equals("markdown") && !output.equals("ticket")) {
            throw new IllegalArgumentException("output must be markdown or ticket, was " + output);
        }
        return output;
    }

    private static String string(Map<?, ?> header, String key, String fallback) {
        Object value = header.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString().strip();
    }

    private static int integer(Map<?, ?> header, String key, int fallback) {
        Object value = header.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.intValue() < 1 || number.intValue() > 50) {
            throw new IllegalArgumentException(key + " must be a whole number from 1 to 50, was " + value);
        }
        return number.intValue();
    }

    private static Set<String> set(Map<?, ?> header, String key) {
        Object value = header.get(key);
        Set<String> values = new LinkedHashSet<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> values.add(String.valueOf(v)));
        } else if (value != null) {
            values.add(value.toString());
        }
        return values;
    }

    /** No template has the name asked for. */
    public static class UnknownTemplateException extends IOException {
        public UnknownTemplateException(String message) {
            super(message);
        }
    }
}
