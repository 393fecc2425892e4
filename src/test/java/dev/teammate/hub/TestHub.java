package dev.teammate.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.Ledger;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.store.VectorStore;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * A running hub over a test data folder, for tests that stop and start it. Drop files, wait for the ledger, and call
 * the HTTP API as a user would.
 */
public final class TestHub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dataDir;
    private final int port;
    private final CamelContext context;

    private TestHub(Path dataDir, int port, CamelContext context) {
        this.dataDir = dataDir;
        this.port = port;
        this.context = context;
    }

    public static TestHub start(Path dataDir) throws Exception {
        return start(dataDir, new Properties());
    }

    public static TestHub start(Path dataDir, Properties extra) throws Exception {
        int port = TestHubs.freePort();
        CamelContext context = new DefaultCamelContext();
        TestHubs.configure(context, dataDir, port, extra);
        context.start();
        return new TestHub(dataDir, port, context);
    }

    public static TestHub attach(CamelContext context, Path dataDir, int port) {
        return new TestHub(dataDir, port, context);
    }

    /** The port of the hub's HTTP API on 127.0.0.1. */
    public int port() {
        return port;
    }

    public CamelContext context() {
        return context;
    }

    public Path inbox() {
        return dataDir.resolve("inbox");
    }

    public Path done() {
        return dataDir.resolve("done");
    }

    public Path errors() {
        return dataDir.resolve("error");
    }

    public Ledger ledger() {
        return context.getRegistry().lookupByNameAndType("ledger", Ledger.class);
    }

    public VectorStore store() {
        return context.getRegistry().lookupByNameAndType("store", VectorStore.class);
    }

    /** Writes a file into the inbox the way a copy would: to a hidden name first, then renamed into place. */
    public Path drop(String relativePath, byte[] content) throws IOException {
        Path target = inbox().resolve(relativePath);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling("." + target.getFileName() + ".part");
        Files.write(partial, content);
        return Files.move(partial, target);
    }

    public Path drop(String relativePath, String content) throws IOException {
        return drop(relativePath, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Waits until the inbox is empty: every dropped file was taken and moved to done or error. Hidden files (names
     * starting with a dot) do not count: the hub leaves them alone, as it does editors' and copy tools' temporary
     * files.
     */
    public void awaitInboxEmpty(Duration timeout) throws IOException {
        await(timeout, "the inbox to be empty", () -> {
            try (var files = Files.walk(inbox())) {
                return files.noneMatch(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith("."));
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Drops a file and waits until intake is done with it. */
    public void dropAndWait(String relativePath, byte[] content) throws IOException {
        drop(relativePath, content);
        awaitInboxEmpty(Duration.ofSeconds(120));
    }

    public void dropAndWait(String relativePath, String content) throws IOException {
        dropAndWait(relativePath, content.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<LedgerEntry> entry(String itemId) {
        return ledger().find(itemId);
    }

    public ItemStatus status(String itemId) {
        return entry(itemId).map(LedgerEntry::status).orElse(null);
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    public HttpResponse<String> post(String pathAndQuery, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Posts a JSON body and reads the JSON reply, which must come with status 200. */
    public JsonNode postJson(String pathAndQuery, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = post(pathAndQuery, json);
        if (response.statusCode() != 200) {
            throw new AssertionError("POST " + pathAndQuery + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    public HttpResponse<String> delete(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).DELETE());
    }

    public JsonNode getJson(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = get(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    public JsonNode search(String query, int k) throws IOException, InterruptedException {
        return getJson("/api/search?k=" + k + "&q=" + encode(query));
    }

    /** Percent-encodes a value for a path segment or a query parameter (spaces as %20, valid in both). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what, e);
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    @Override
    public void close() {
        context.stop();
    }
}
