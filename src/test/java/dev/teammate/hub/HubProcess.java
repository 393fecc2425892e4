package dev.teammate.hub;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hub as users run it: {@code TeammateMain} in its own JVM, in a folder holding copies of
 * {@code application.properties} and {@code routes/}, with its data in {@code data/} there.
 */
public final class HubProcess implements AutoCloseable {

    private final Path home;
    private final int port;
    private final Process process;
    private final Path log;

    private HubProcess(Path home, int port, Process process, Path log) {
        this.home = home;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the hub in {@code home} (filled with the project's settings and routes) with extra JVM options. */
    public static HubProcess start(Path home, String... jvmOptions) throws IOException {
        copyTree(Path.of("routes"), home.resolve("routes"));
        Files.copy(Path.of("application.properties"), home.resolve("application.properties"),
                StandardCopyOption.REPLACE_EXISTING);
        int port = TestHubs.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dcamel.server.port=" + port);
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classpath(), "dev.teammate.TeammateMain"));
        Path log = home.resolve("hub.log");
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new HubProcess(home, port, process, log);
    }

    /** Waits until {@code /api/health} answers 200; returns the milliseconds since {@code startedNanos}. */
    public long awaitReady(long startedNanos, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health")).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The hub exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1_000_000;
                }
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
            if (System.nanoTime() - startedNanos > timeout.toNanos()) {
                throw new IllegalStateException("The hub was not ready within " + timeout + ":\n" + log());
            }
        }
    }

    public Path home() {
        return home;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Stops the hub the way an operator does (SIGTERM) and returns its exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    /** Kills the hub at once (SIGKILL), as a crash or a power cut would: no shutdown, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** The project's class path: under Maven's exec:java it is the class loader's, not the JVM's. */
    private static String classpath() {
        if (HubProcess.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 1) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                entries.add(Path.of(URI.create(url.toString())).toString());
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
