package dev.teammate.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.teammate.drive.FakeDriveServer;
import dev.teammate.embed.MiniLmEmbeddingModel;
import dev.teammate.hub.TestHub;
import dev.teammate.hub.TestHubs;
import dev.teammate.source.SourceStatus;
import dev.teammate.source.SourceStatuses;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;

/**
 * Drive sync cost against the fake Drive: a first sync of many text files (listing, download, extraction, chunking,
 * embedding, store and ledger) as items/s and chunks/s, set against raw {@code embedAll} throughput on the same texts
 * in the same run; then a sync with nothing changed: requests sent to Drive and time taken.
 *
 * <p>{@code -Dbench.args="--files 10000"} sets the number of files (default 10,000).
 */
public final class DriveSyncBenchmark {

    private static final String[] WORDS = ("roadmap launch onboarding churn pricing retention sprint demo customer "
            + "feedback budget hiring design review migration latency outage incident backlog quarter goal metric "
            + "dashboard release beta partner contract renewal support ticket escalation").split(" ");

    private DriveSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length >= 2 && args[0].equals("--files") ? Integer.parseInt(args[1]) : 10_000;
        System.out.println("Drive sync benchmark on " + Machine.describe());
        List<String> texts = texts(files);

        MiniLmEmbeddingModel model = TestHubs.model();
        model.embedAll(texts.subList(0, 16).stream().map(TextSegment::from).toList());
        long rawStart = System.nanoTime();
        model.embedAll(texts.stream().map(TextSegment::from).toList());
        double raw = files / ((System.nanoTime() - rawStart) / 1e9);
        System.out.printf(Locale.ROOT, "Raw embedAll: %.1f texts/s%n", raw);

        try (FakeDriveServer drive = new FakeDriveServer()) {
            String root = drive.addRootFolder("0AbenchRoot", "Bench");
            for (int i = 0; i < files; i++) {
                drive.addFile(String.format(Locale.ROOT, "note-%05d.txt", i), "text/plain", root, texts.get(i));
            }
            Properties settings = drive.hubSettings(root);
            settings.setProperty("teammate.drive.poll-ms", "5000");
            settings.setProperty("teammate.drive.initial-delay-ms", "500");
            Path dataDir = Files.createTempDirectory("teammate-drive-bench");
            try (TestHub hub = TestHub.start(dataDir, settings)) {
                SourceStatus first = awaitSync(hub, Instant.now(), Duration.ofMinutes(60));
                double seconds = Duration.between(first.lastAttempt(), first.lastSuccess()).toMillis() / 1000.0;
                long chunks = hub.store().count();
                System.out.printf(Locale.ROOT, "First sync: %d files, %d chunks in %.1f s: %.1f items/s, %.1f chunks/s;"
                        + " %d requests to Drive%n", files, chunks, seconds, files / seconds, chunks / seconds,
                        drive.requests().size());
                System.out.printf(Locale.ROOT, "RESULT first sync / raw embedAll = %.2f (items/s %.1f vs %.1f)%n",
                        files / seconds / raw, files / seconds, raw);

                drive.clearRequests();
                SourceStatus quiet = awaitSync(hub, Instant.now(), Duration.ofMinutes(5));
                long quietMs = Duration.between(quiet.lastAttempt(), quiet.lastSuccess()).toMillis();
                System.out.printf(Locale.ROOT, "RESULT incremental sync with nothing changed: %d request(s) %s,"
                        + " %d ms, %d items changed%n", drive.requests().size(),
                        drive.requests().stream().map(FakeDriveServer.Request::call).toList(), quietMs,
                        quiet.lastChanged());
            }
        }
        System.exit(0);
    }

    private static SourceStatus awaitSync(TestHub hub, Instant mark, Duration timeout) {
        SourceStatuses sources = hub.context().getRegistry().lookupByNameAndType("sources", SourceStatuses.class);
        TestHub.await(timeout, "a Drive sync to succeed", () -> {
            SourceStatus status = sources.get("drive");
            return status.lastAttempt() != null && status.lastAttempt().isAfter(mark) && status.lastSuccess() != null
                    && !status.lastSuccess().isBefore(status.lastAttempt());
        });
        return sources.get("drive");
    }

    /** Meeting-note-like texts of 60 to 120 words: one chunk each, as most short Drive notes are. */
    private static List<String> texts(int count) {
        Random random = new Random(42);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder("Note " + i + ".");
            int words = 60 + random.nextInt(60);
            for (int w = 0; w < words; w++) {
                text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            }
            texts.add(text.append('.').toString());
        }
        return texts;
    }
}
