package dev.teammate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teammate.item.ItemFolders;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.Ledger;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.summarize.SummaryQueue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Summarizes a folder of meeting transcripts with the configured model tiers and prints the time each meeting took:
 * {@code summarize [--out DIR] [--timeout-minutes N] <folder>}. Runs a hub of its own on a scratch data folder (no
 * HTTP server), so the meetings take exactly the path they take in a running hub (intake, indexing, the choice of
 * tier, the path in parts, quote checks), one meeting at a time, and nothing lands in the hub's own data. Each
 * meeting's {@code summary.md} and {@code summary.json} are copied to {@code <out>/<transcript file name>/}; the
 * output folder is {@code <folder>/summaries} unless told otherwise.
 */
public final class SummarizeCommand {

    private static final Set<String> TRANSCRIPTS = Set.of("vtt", "srt", "txt", "md");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = "usage: summarize [--out DIR] [--timeout-minutes N] <folder of .vtt, .srt,"
            + " .txt or .md transcripts>";

    private SummarizeCommand() {
    }

    public static int run(String[] args) throws Exception {
        return run(args, new Properties(), System.out);
    }

    /**
     * @param settings settings that override {@code application.properties} (besides the ones this command sets)
     */
    public static int run(String[] args, Properties settings, PrintStream out) throws Exception {
        Path folder = null;
        Path outDir = null;
        Duration timeout = Duration.ofMinutes(30);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> outDir = Path.of(args[++i]);
                case "--timeout-minutes" -> timeout = Duration.ofMinutes(Long.parseLong(args[++i]));
                default -> folder = Path.of(args[i]);
            }
        }
        if (folder == null || !Files.isDirectory(folder)) {
            System.err.println(folder == null ? USAGE : "Not a folder: " + folder + "\n" + USAGE);
            return 2;
        }
        List<Path> meetings = transcripts(folder);
        if (meetings.isEmpty()) {
            System.err.println("No .vtt, .srt, .txt or .md files in " + folder);
            return 2;
        }
        Path results = outDir == null ? folder.resolve("summaries") : outDir;
        Files.createDirectories(results);

        Path scratch = Files.createTempDirectory("teammate-summarize");
        EmbeddedHub hub = start(scratch, settings);
        try {
            Ledger ledger = hub.context().getRegistry().lookupByNameAndType("ledger", Ledger.class);
            String notes = hub.setting("teammate.summarize.notes-folder");
            Path outputs = Path.of(hub.setting("teammate.outputs.dir"));
            Path inbox = Path.of(hub.setting("teammate.inbox.dir"));
            out.printf(Locale.ROOT, "Summarizing %d meetings from %s, one at a time%n", meetings.size(), folder);
            List<Double> seconds = new ArrayList<>();
            int done = 0;
            for (Path meeting : meetings) {
                String relative = notes + "/" + meeting.getFileName();
                Outcome outcome = summarize(meeting, inbox.resolve(relative), "file:" + relative, ledger, timeout);
                done++;
                String progress = String.format(Locale.ROOT, "[%d/%d] %s", done, meetings.size(),
                        meeting.getFileName());
                if (outcome.error() != null) {
                    out.println(progress + ": not summarized: " + outcome.error());
                    continue;
                }
                Path made = outputs.resolve(ItemFolders.name("file:" + relative));
                Path target = results.resolve(meeting.getFileName().toString());
                Files.createDirectories(target);
                for (String file : List.of("summary.md", "summary.json")) {
                    Files.copy(made.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
                JsonNode summary = JSON.readTree(target.resolve("summary.json").toFile());
                seconds.add(outcome.seconds());
                out.printf(Locale.ROOT, "%s: %.1f s (%s; %d decisions, %d action items, %d unverified) -> %s%n",
                        progress, outcome.seconds(), summary.path("made").asText(), summary.path("decisions").size(),
                        summary.path("action_items").size(), summary.path("unverified_action_items").size(),
                        target.resolve("summary.md"));
            }
            if (!seconds.isEmpty()) {
                seconds.sort(Double::compare);
                out.printf(Locale.ROOT, "%d of %d meetings summarized; time per meeting: median %.1f s, max %.1f s,"
                        + " total %.1f s%n", seconds.size(), meetings.size(), seconds.get(seconds.size() / 2),
                        seconds.get(seconds.size() - 1), seconds.stream().mapToDouble(Double::doubleValue).sum());
            }
            return seconds.size() == meetings.size() ? 0 : 1;
        } finally {
            hub.close();
            deleteTree(scratch);
        }
    }

    private record Outcome(double seconds, String error) {
    }

    /**
     * Drops one transcript into the scratch hub's inbox and waits for its summary. The time counted runs from the
     * moment the meeting is queued for its summary to the moment the summary is saved and indexed.
     */
    private static Outcome summarize(Path meeting, Path drop, String meetingId, Ledger ledger, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(drop.getParent());
        Path partial = drop.resolveSibling("." + drop.getFileName() + ".part");
        Files.copy(meeting, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, drop);
        String summaryId = "summary:" + meetingId;
        long deadline = System.nanoTime() + timeout.toNanos();
        Long queued = null;
        while (System.nanoTime() < deadline) {
            Optional<LedgerEntry> transcript = ledger.find(meetingId);
            if (transcript.isPresent() && transcript.get().status() == ItemStatus.FAILED) {
                return new Outcome(0, transcript.get().reason());
            }
            Optional<LedgerEntry> summary = ledger.find(summaryId);
            if (summary.isPresent()) {
                if (queued == null) {
                    queued = System.nanoTime();
                }
                LedgerEntry entry = summary.get();
                if (entry.status() == ItemStatus.INDEXED) {
                    return new Outcome((System.nanoTime() - queued) / 1e9, null);
                }
                if (entry.status() == ItemStatus.FAILED) {
                    return new Outcome(0, entry.reason());
                }
                // A failed try leaves the summary waiting for a later try, which this command does not wait for.
                String failure = SummaryQueue.lastTryFailure(entry);
                if (failure != null) {
                    return new Outcome(0, failure);
                }
            }
            Thread.sleep(50);
        }
        return new Outcome(0, "no summary after " + timeout.toMinutes() + " minutes; raise --timeout-minutes");
    }

    private static EmbeddedHub start(Path scratch, Properties settings) throws Exception {
        return EmbeddedHub.start(Map.of(
                "teammate.data.dir", scratch.toString(),
                "camel.server.enabled", "false",
                "camel.main.routes-exclude-pattern", "file:routes/api.yaml",
                "teammate.inbox.poll-ms", "100",
                "teammate.inbox.stable-ms", "100",
                "teammate.summarize.poll-ms", "100",
                // A trial run of the models posts nothing to Slack and proposes no tickets.
                "teammate.slack.channel", "",
                "teammate.jira.base-url", ""), settings);
    }

    private static List<Path> transcripts(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> TRANSCRIPTS.contains(extension(f)))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
