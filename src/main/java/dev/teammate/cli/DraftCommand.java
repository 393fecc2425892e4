package dev.teammate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teammate.draft.Draft;
import dev.teammate.draft.DraftRequest;
import dev.teammate.config.StandaloneSettings;
import dev.teammate.draft.DraftTemplates;
import dev.teammate.llm.ModelErrors;
import dev.teammate.retrieve.TimeWindow;
import dev.teammate.store.SearchFilter;
import org.apache.camel.CamelExecutionException;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Drafts a document from the command line: {@code draft [--source S] [--window 7d] <template> [topic words]}, or
 * {@code draft --list}. With a hub running it asks the hub ({@code POST /api/draft}), which holds the store; without
 * one it runs the draft route itself on the hub's data, without the intake and the HTTP API. Either way the draft
 * lands in the outbox and is printed.
 */
public final class DraftCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = "usage: draft [--source S] [--window 7d] <template> [topic words]"
            + "  |  draft --list";

    private DraftCommand() {
    }

    public static int run(String[] args) throws Exception {
        return run(args, new Properties(), System.out);
    }

    public static int run(String[] args, Properties settings, PrintStream out) throws Exception {
        List<String> words = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        String window = null;
        boolean list = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--source" -> sources.add(args[++i]);
                case "--window" -> window = args[++i];
                case "--list" -> list = true;
                default -> words.add(args[i]);
            }
        }
        if (!list && words.isEmpty()) {
            System.err.println(USAGE);
            return 2;
        }
        String template = list ? null : words.get(0);
        String topic = list ? "" : String.join(" ", words.subList(1, words.size()));
        Instant from;
        try {
            Duration span = TimeWindow.parse(window);
            from = span == null ? null : Instant.now().minus(span);
        } catch (IllegalArgumentException e) {
            System.err.println("--window: " + e.getMessage());
            return 2;
        }

        // The running hub, if there is one, is asked first: it holds the store and the ledger open.
        String host = setting(settings, "camel.server.host", "127.0.0.1");
        String port = setting(settings, "camel.server.port", "8080");
        try {
            return list ? listFromHub(host, port, out) : draftByHub(host, port, template, topic, sources, window, out);
        } catch (ConnectException e) {
            return list ? listHere(settings, out) : draftHere(settings, template, topic, sources, from, out);
        }
    }

    private static String setting(Properties settings, String key, String fallback) {
        String value = settings.getProperty(key, System.getProperty(key));
        if (value != null) {
            return value;
        }
        String configured = StandaloneSettings.text(key);
        return configured == null ? fallback : configured;
    }

    private static int draftByHub(String host, String port, String template, String topic, List<String> sources,
            String window, PrintStream out) throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode().put("template", template).put("topic", topic);
        ObjectNode filters = request.putObject("filters");
        sources.forEach(filters.putArray("source")::add);
        if (window != null) {
            filters.put("window", window);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
                + host + ":" + port + "/api/draft")).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            System.err.println("Cannot draft: " + body.path("error").asText(response.body()));
            return 1;
        }
        out.println(body.path("markdown").asText());
        out.println("Written to " + body.path("file").asText() + " (by the running hub)");
        return 0;
    }

    private static int listFromHub(String host, String port, PrintStream out) throws IOException,
            InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
                + host + ":" + port + "/api/drafts/templates")).GET().build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode template : JSON.readTree(response.body()).path("templates")) {
            out.println(template.path("name").asText() + "  " + template.path("title").asText());
        }
        return 0;
    }

    private static int draftHere(Properties settings, String template, String topic, List<String> sources,
            Instant from, PrintStream out) throws Exception {
        try (EmbeddedHub hub = EmbeddedHub.start(Map.of(
                "camel.server.enabled", "false",
                "camel.main.routes-include-pattern",
                "file:routes/ask.yaml,file:routes/draft.yaml,file:routes/tickets.yaml"), settings)) {
            Draft draft;
            try {
                draft = hub.context().createProducerTemplate().requestBody("direct:draft", new DraftRequest(template,
                        topic, new SearchFilter(Set.copyOf(sources), Set.of(), from, null)), Draft.class);
            } catch (CamelExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                System.err.println("Cannot draft: " + ModelErrors.describe(cause));
                return 1;
            }
            out.println(draft.markdown());
            out.println("Written to " + draft.file());
            return 0;
        }
    }

    private static int listHere(Properties settings, PrintStream out) throws IOException {
        String folder = setting(settings, "teammate.templates.dir", "templates");
        DraftTemplates templates = new DraftTemplates(Path.of(folder).resolve("drafts"),
                setting(settings, "teammate.draft.tier", "large"),
                Double.parseDouble(setting(settings, "teammate.ask.min-similarity", "0.3")));
        for (String name : templates.names()) {
            String title;
            try {
                title = templates.load(name).title();
            } catch (IOException e) {
                title = "(cannot be read: " + e.getMessage() + ")";
            }
            out.println(name + "  " + title);
        }
        return 0;
    }
}
