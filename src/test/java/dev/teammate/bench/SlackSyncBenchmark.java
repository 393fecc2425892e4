package dev.teammate.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.teammate.chunk.Chunk;
import dev.teammate.chunk.Chunker;
import dev.teammate.embed.MiniLmEmbeddingModel;
import dev.teammate.embed.MiniLmTokenizer;
import dev.teammate.extract.ExtractedText;
import dev.teammate.extract.Segment;
import dev.teammate.hub.TestHub;
import dev.teammate.hub.TestHubs;
import dev.teammate.slack.FakeSlackServer;
import dev.teammate.slack.FakeSlackWorkspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;

/**
 * A first sync of many Slack messages (threads across a few channels) from the fake Slack Web API, embedding
 * included, as a ratio of raw {@code embedAll} throughput on the same chunk texts measured in the same run; then a
 * sync with nothing changed: its requests to Slack and its time.
 *
 * <p>Pacing is off (the fake has no rate limit): the figure is what the hub itself costs. Against real Slack the
 * pace sets a floor: at 50 history and 50 replies calls a minute, a thread with replies costs 1.2 s.
 *
 * <p>Arguments: {@code --messages N} (default 50000), {@code --channels N} (default 4), {@code --parallel N}
 * (threads indexed at once, default 2 as shipped).
 */
public final class SlackSyncBenchmark {

    private static final String[] USERS = {"U0ADA0001", "U0GRACE01", "U0LINUS01", "U0MARGA01"};
    private static final String[] NAMES = {"Ada", "Grace", "Linus", "Margaret"};
    private static final String[] WORDS = ("release incident roadmap customer pricing onboarding retro deploy cache "
            + "latency dashboard migration rollout budget hiring interview sprint backlog design review outage alert "
            + "database index search ranking quarter revenue churn trial feedback survey support ticket bug fix")
            .split(" ");

    private SlackSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = intArg(args, "--messages", 50_000);
        int channelCount = intArg(args, "--channels", 4);
        int parallel = intArg(args, "--parallel", 2);
        System.out.println("Slack sync benchmark on " + Machine.describe());

        Random random = new Random(42);
        List<List<String[]>> threads = new ArrayList<>();
        int made = 0;
        while (made < messages) {
            List<String[]> thread = new ArrayList<>();
            int size = Math.min(messages - made, 1 + random.nextInt(9));
            for (int i = 0; i < size; i++) {
                int user = random.nextInt(USERS.length);
                thread.add(new String[] {USERS[user], NAMES[user], sentence(random)});
            }
            threads.add(thread);
            made += size;
        }
        List<String> chunkTexts = chunkTexts(threads);
        System.out.printf(Locale.ROOT, "Corpus: %d messages in %d threads across %d channels, %d chunks%n", messages,
                threads.size(), channelCount, chunkTexts.size());

        MiniLmEmbeddingModel model = TestHubs.model();
        model.embedAll(chunkTexts.subList(0, Math.min(16, chunkTexts.size())).stream().map(TextSegment::from)
                .toList());
        double rawBefore = rawThroughput(model, chunkTexts);
        System.out.printf(Locale.ROOT, "Raw embedAll:          %.1f chunks/s%n", rawBefore);

        try (FakeSlackServer server = FakeSlackServer.start()) {
            FakeSlackWorkspace workspace = FakeSlackWorkspace.on(server);
            for (int i = 0; i < USERS.length; i++) {
                workspace.addUser(USERS[i], NAMES[i], NAMES[i]);
            }
            List<String> channels = new ArrayList<>();
            for (int c = 0; c < channelCount; c++) {
                String id = String.format(Locale.ROOT, "C0BENCH%03d", c);
                workspace.addChannel("bench-" + c, id, false);
                channels.add(id);
            }
            for (int t = 0; t < threads.size(); t++) {
                String channel = channels.get(t % channelCount);
                List<String[]> thread = threads.get(t);
                String parent = workspace.post(channel, thread.get(0)[0], thread.get(0)[2]);
                for (String[] reply : thread.subList(1, thread.size())) {
                    workspace.reply(channel, parent, reply[0], reply[2]);
                }
            }

            Path dataDir = Files.createTempDirectory("teammate-slack-bench");
            Properties settings = new Properties();
            settings.setProperty("teammate.slack.token", FakeSlackServer.TOKEN);
            settings.setProperty("teammate.slack.server-url", server.serverUrl());
            settings.setProperty("teammate.slack.sync.channels", String.join(",", channels));
            settings.setProperty("teammate.slack.sync.workspace-url", "https://bench.slack.com");
            settings.setProperty("teammate.slack.sync.interval-ms", "3600000");
            settings.setProperty("teammate.slack.sync.initial-delay-ms", "3600000");
            settings.setProperty("teammate.slack.sync.history-per-minute", "0");
            settings.setProperty("teammate.slack.sync.replies-per-minute", "0");
            settings.setProperty("teammate.slack.sync.parallel-threads", String.valueOf(parallel));
            try (TestHub hub = TestHub.start(dataDir, settings)) {
                long started = System.nanoTime();
                sync(hub);
                double seconds = (System.nanoTime() - started) / 1e9;
                long stored = hub.store().count();
                int requests = server.requests().size();
                System.out.printf(Locale.ROOT, "First sync:            %d messages, %d items, %d chunks in %.1f s: "
                        + "%.1f messages/s, %.1f chunks/s; %d requests to Slack%n", messages,
                        hub.ledger().countByStatus("slack").values().stream().mapToLong(Long::longValue).sum(),
                        stored, seconds, messages / seconds, stored / seconds, requests);
                double rawAfter = rawThroughput(model, chunkTexts);
                System.out.printf(Locale.ROOT, "Raw embedAll again:    %.1f chunks/s%n", rawAfter);
                double raw = (rawBefore + rawAfter) / 2;
                System.out.printf(Locale.ROOT, "RESULT first sync/raw ratio = %.2f (chunks/s %.1f vs raw %.1f); "
                        + "%.1f messages/s, raw equivalent %.1f messages/s%n", stored / seconds / raw,
                        stored / seconds, raw, messages / seconds, raw * messages / chunkTexts.size());

                server.clearRequests();
                started = System.nanoTime();
                sync(hub);
                double idle = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "RESULT nothing changed: %d requests to Slack (%d channels), %.0f ms%n",
                        server.requests().size(), channelCount, idle * 1000);
            }
        }
        System.exit(0);
    }

    private static void sync(TestHub hub) {
        hub.context().createProducerTemplate().sendBodyAndHeader("direct:slack-sync", null, "TeammateSlackRecheck",
                false);
    }

    /** The chunks the hub makes of each thread: one "Name: text" segment per message, the shipped chunk sizes. */
    private static List<String> chunkTexts(List<List<String[]>> threads) {
        List<String> texts = new ArrayList<>();
        try (MiniLmTokenizer tokenizer = new MiniLmTokenizer()) {
            Chunker chunker = new Chunker(tokenizer, 320, 400, 48);
            for (List<String[]> thread : threads) {
                List<Segment> segments = thread.stream().map(m -> Segment.paragraph(m[1] + ": " + m[2])).toList();
                for (Chunk chunk : chunker.chunk(new ExtractedText(null, segments, false))) {
                    texts.add(chunk.text());
                }
            }
        }
        return texts;
    }

    private static String sentence(Random random) {
        StringBuilder text = new StringBuilder();
        int words = 8 + random.nextInt(30);
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.append('.').toString();
    }

    private static double rawThroughput(MiniLmEmbeddingModel model, List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        long started = System.nanoTime();
        model.embedAll(segments);
        return texts.size() / ((System.nanoTime() - started) / 1e9);
    }

    private static int intArg(String[] args, String name, int defaultValue) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return defaultValue;
    }
}
