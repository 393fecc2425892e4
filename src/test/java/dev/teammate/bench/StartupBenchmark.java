package dev.teammate.bench;

import dev.teammate.hub.TestHubs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Start-up time to ready (the JVM starts until {@code /api/health} answers 200) and resident memory once ready, of
 * the hub started as {@code java -cp ... dev.teammate.TeammateMain} on its shipped settings in an empty folder.
 * Runs it {@code --runs N} times (default 3) and prints the median.
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 1 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 3;
        System.out.println("Start-up benchmark on " + Machine.describe());
        List<Long> millis = new ArrayList<>();
        List<Long> rssMib = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long[] result = startOnce();
            millis.add(result[0]);
            rssMib.add(result[1]);
            System.out.printf(Locale.ROOT, "run %d: ready in %d ms, resident memory %d MiB%n", run, result[0],
                    result[1]);
        }
        Collections.sort(millis);
        Collections.sort(rssMib);
        System.out.printf(Locale.ROOT, "RESULT start-up to ready: median %d ms; resident memory when ready: median %d"
                + " MiB (%d runs)%n", millis.get(runs / 2), rssMib.get(runs / 2), runs);
    }

    private static long[] startOnce() throws Exception {
        Path home = Files.createTempDirectory("teammate-startup-bench");
        copyTree(Path.of("routes"), home.resolve("routes"));
        Files.copy(Path.of("application.properties"), home.resolve("application.properties"));
        int port = TestHubs.freePort();
        Path log = home.resolve("hub.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcamel.server.port=" + port, "-cp", classpath(),
                "dev.teammate.TeammateMain").directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health")).build();

        long started = System.nanoTime();
        Process process = builder.start();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The hub exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
                if (System.nanoTime() - started > Duration.ofMinutes(2).toNanos()) {
                    throw new IllegalStateException("The hub did not get ready within 2 minutes; see " + log);
                }
            }
            long readyMillis = (System.nanoTime() - started) / 1_000_000;
            return new long[] {readyMillis, residentMib(process.pid())};
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /** The project's class path: under exec:java it is the class loader's, not the JVM's (that is Maven's). */
    private static String classpath() {
        if (StartupBenchmark.class.getClassLoader() instanceof java.net.URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : loader.getURLs()) {
                entries.add(Path.of(URI.create(url.toString())).toString());
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private static long residentMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
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
