package dev.teammate.slack.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teammate.hub.TestHub;
import dev.teammate.slack.FakeSlackServer;
import dev.teammate.slack.FakeSlackWorkspace;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Slack workspace (three channels, four people) and what a hub syncing it needs: its settings, a way to run a
 * sync now, and the check that the hub holds exactly the workspace's current threads.
 */
final class SlackSyncFixture implements AutoCloseable {

    static final String ENG = "C0ENG00001";
    static final String PRODUCT = "C0PRODUCT1";
    static final String RANDOM = "C0RANDOM01";
    static final String[] USERS = {"U0ADA0001", "U0GRACE01", "U0LINUS01", "U0MARGA01"};
    static final String NAMES = "Ada Grace Linus Margaret";
    static final String WORKSPACE_URL = "https://acme.slack.com";
    /** Words of a test message that name it: each text a test writes holds one, new for each edit. */
    static final Pattern MARK = Pattern.compile("\\bq\\d+v\\d+\\b");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final FakeSlackServer server;
    final FakeSlackWorkspace workspace;

    private SlackSyncFixture() {
        server = FakeSlackServer.start();
        workspace = FakeSlackWorkspace.on(server);
        workspace.addUser(USERS[0], "Ada", "Ada Lovelace");
        workspace.addUser(USERS[1], "Grace", "Grace Hopper");
        workspace.addUser(USERS[2], "Linus", "Linus Torvalds");
        workspace.addUser(USERS[3], "Margaret", "Margaret Hamilton");
        workspace.addChannel("eng", ENG, false);
        workspace.addChannel("product", PRODUCT, true);
        workspace.addChannel("random", RANDOM, false);
    }

    static SlackSyncFixture start() {
        return new SlackSyncFixture();
    }

    /** Settings for a hub that syncs {@code channels} of this workspace only when told to, without pacing. */
    Properties hubSettings(String channels) {
        Properties settings = new Properties();
        settings.setProperty("teammate.slack.token", FakeSlackServer.TOKEN);
        settings.setProperty("teammate.slack.server-url", server.serverUrl());
        settings.setProperty("teammate.slack.sync.channels", channels);
        settings.setProperty("teammate.slack.sync.workspace-url", WORKSPACE_URL);
        settings.setProperty("teammate.slack.sync.interval-ms", "3600000");
        settings.setProperty("teammate.slack.sync.initial-delay-ms", "3600000");
        settings.setProperty("teammate.slack.sync.backfill-days", "90");
        settings.setProperty("teammate.slack.sync.recheck-days", "30");
        settings.setProperty("teammate.slack.sync.recheck-minutes", "1000000");
        settings.setProperty("teammate.slack.sync.history-per-minute", "0");
        settings.setProperty("teammate.slack.sync.replies-per-minute", "0");
        settings.setProperty("teammate.slack.sync.page-size", "20");
        settings.setProperty("teammate.slack.sync.retry-ms", "50");
        settings.setProperty("teammate.slack.sync.retries", "3");
        return settings;
    }

    /** Runs a sync and waits for it to end; {@code recheck} reads the look-back window again. */
    static void sync(TestHub hub, boolean recheck) {
        hub.context().createProducerTemplate().sendBodyAndHeader("direct:slack-sync", null, SlackSync.RECHECK,
                recheck);
    }

    /** The {@code slack} entry of {@code GET /api/sources}. */
    static JsonNode slackStatus(int port) throws Exception {
        for (JsonNode source : get(port, "/api/sources").get("sources")) {
            if (source.get("name").asText().equals("slack")) {
                return source;
            }
        }
        throw new AssertionError("no slack source at /api/sources");
    }

    /**
     * The texts of an item's stored chunks, through the search API: every chunk names one of the people, and keyword
     * search asks several words of a longer query to match, so each name is asked for on its own.
     */
    static List<String> chunkTexts(int port, String itemId) throws Exception {
        Map<String, String> texts = new TreeMap<>();
        for (String name : NAMES.split(" ")) {
            JsonNode hits = get(port, "/api/search?mode=keyword&k=100&item=" + TestHub.encode(itemId) + "&q="
                    + name).get("results");
            hits.forEach(hit -> texts.put(hit.get("chunk_id").asText(), hit.get("text").asText()));
        }
        return new ArrayList<>(texts.values());
    }

    static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static Set<String> marks(String text) {
        Set<String> marks = new TreeSet<>();
        Matcher matcher = MARK.matcher(text);
        while (matcher.find()) {
            marks.add(matcher.group());
        }
        return marks;
    }

    /**
     * Checks that the hub on {@code port} holds exactly the current threads of {@code channels} started after
     * {@code windowStart}: the same items, each stored as exactly the chunks its ledger entry names, holding every
     * current message and no earlier text, and no other chunk in the store. Returns what differs, empty when nothing.
     */
    List<String> differences(int port, List<String> channels, Instant windowStart) throws Exception {
        Map<String, Set<String>> expected = new TreeMap<>();
        for (String channel : channels) {
            workspace.threads(channel, windowStart).forEach((ts, texts) -> {
                if (!texts.isEmpty()) {
                    Set<String> marks = new TreeSet<>();
                    texts.forEach(text -> marks.addAll(marks(text)));
                    expected.put("slack:" + channel + ":" + ts, marks);
                }
            });
        }
        List<String> differences = new ArrayList<>();
        Set<String> held = new TreeSet<>();
        long chunks = 0;
        for (JsonNode item : get(port, "/api/items?source=slack&limit=1000").get("items")) {
            held.add(item.get("id").asText());
        }
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(held);
        Set<String> extra = new TreeSet<>(held);
        extra.removeAll(expected.keySet());
        if (!missing.isEmpty()) {
            differences.add("missing items " + missing);
        }
        if (!extra.isEmpty()) {
            differences.add("items that should be gone " + extra);
        }
        for (String id : held) {
            JsonNode item = get(port, "/api/items/" + TestHub.encode(id));
            if (!item.get("status").asText().equals("indexed")) {
                differences.add(id + " is " + item.get("status").asText());
            }
            Set<String> recorded = new HashSet<>();
            item.get("chunk_ids").forEach(c -> recorded.add(c.asText()));
            chunks += recorded.size();
            if (item.get("chunks_stored").asInt() != recorded.size()) {
                differences.add(id + ": " + item.get("chunks_stored").asInt() + " chunks stored, "
                        + recorded.size() + " recorded");
            }
            Set<String> marks = new TreeSet<>();
            chunkTexts(port, id).forEach(text -> marks.addAll(marks(text)));
            Set<String> want = expected.get(id);
            if (want != null && !marks.equals(want)) {
                differences.add(id + ": holds " + marks + ", the thread says " + want);
            }
        }
        long stored = get(port, "/api/health").get("chunks").asLong();
        if (stored != chunks) {
            differences.add("the store holds " + stored + " chunks, the ledger's items " + chunks);
        }
        return differences;
    }

    @Override
    public void close() {
        server.close();
    }
}
