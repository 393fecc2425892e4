package dev.teammate.bench;

import dev.teammate.hub.HubProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

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
            long started = System.nanoTime();
            try (HubProcess hub = HubProcess.start(Files.createTempDirectory("teammate-startup-bench"))) {
                long ready = hub.awaitReady(started, Duration.ofMinutes(2));
                long rss = residentMib(hub.pid());
                millis.add(ready);
                rssMib.add(rss);
                System.out.printf(Locale.ROOT, "run %d: ready in %d ms, resident memory %d MiB%n", run, ready, rss);
                hub.stop();
            }
        }
        Collections.sort(millis);
        Collections.sort(rssMib);
        System.out.printf(Locale.ROOT, "RESULT start-up to ready: median %d ms; resident memory when ready: median %d"
                + " MiB (%d runs)%n", millis.get(runs / 2), rssMib.get(runs / 2), runs);
    }

    private static long residentMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
