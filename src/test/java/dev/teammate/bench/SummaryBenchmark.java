package dev.teammate.bench;

import dev.teammate.extract.ExtractedText;
import dev.teammate.extract.Segment;
import dev.teammate.hub.TestHub;
import dev.teammate.item.Item;
import dev.teammate.item.ItemExchange;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.llm.FakeChatServer.Reply;
import dev.teammate.llm.FakeChatServer.Request;
import dev.teammate.llm.FakeChatServer;
import dev.teammate.llm.TokenEstimate;
import dev.teammate.summarize.MeetingTranscript;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the summary stage costs besides the model: per meeting, the time from queueing to the summary being saved
 * and indexed when the model answers at once (a local OpenAI-compatible server answering from a script), and the
 * tokens sent to the models against the transcript's own tokens, for meetings that take the whole-transcript path
 * and for meetings long enough to take the path in parts. Model tiers as shipped (8k and 32k windows).
 * Options: {@code --meetings N} per length (default 5).
 */
public final class SummaryBenchmark {

    private static final Pattern LINE = Pattern.compile("^\\[(\\d\\d:\\d\\d:\\d\\d)] [A-Za-z]+: (.+)$",
            Pattern.MULTILINE);
    private static final String[] SPEAKERS = {"Dana", "Ravi", "Mei", "Jonas"};

    private SummaryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int meetings = args.length > 1 && args[0].equals("--meetings") ? Integer.parseInt(args[1]) : 5;
        System.out.println("Summary benchmark on " + Machine.describe());
        try (FakeChatServer server = FakeChatServer.start()) {
            server.answer(SummaryBenchmark::answer);
            Path data = Files.createTempDirectory("teammate-summary-bench");
            Properties settings = new Properties();
            for (String tier : List.of("small", "large")) {
                settings.setProperty("teammate.llm." + tier + ".base-url", server.baseUrl());
            }
            settings.setProperty("teammate.summarize.poll-ms", "5");
            try (TestHub hub = TestHub.start(data, settings)) {
                // 20 minutes fits the small tier, 60 the large one; 4 hours takes the path in parts.
                for (int minutes : new int[] {20, 60, 240}) {
                    run(hub, server, minutes, meetings);
                }
            }
        }
    }

    private static void run(TestHub hub, FakeChatServer server, int minutes, int meetings) {
        ProducerTemplate producer = hub.context().createProducerTemplate();
        List<Double> millis = new ArrayList<>();
        long sentTokens = 0;
        long transcriptTokens = 0;
        int requests = 0;
        for (int m = 0; m < meetings; m++) {
            Item meeting = new Item("file:bench/" + minutes + "-" + m + ".vtt", "file", minutes + " min meeting " + m,
                    null, "v" + System.nanoTime(), Instant.now());
            List<Segment> segments = meeting(minutes, m);
            int before = server.requests().size();
            long started = System.nanoTime();
            producer.send("direct:summarize", ExchangePattern.InOnly, exchange -> {
                exchange.setProperty(ItemExchange.ITEM, meeting);
                exchange.setProperty(ItemExchange.TEXT, new ExtractedText(meeting.title(), segments, true));
            });
            String summaryId = "summary:" + meeting.id();
            TestHub.await(Duration.ofMinutes(5), "the summary of " + meeting.id(), () -> hub.ledger().find(summaryId)
                    .map(e -> e.status() != ItemStatus.WAITING).orElse(false));
            if (hub.status(summaryId) != ItemStatus.INDEXED) {
                throw new IllegalStateException(summaryId + " " + hub.entry(summaryId));
            }
            millis.add((System.nanoTime() - started) / 1e6);
            List<Request> sent = server.requests().subList(before, server.requests().size());
            requests += sent.size();
            for (Request request : sent) {
                sentTokens += TokenEstimate.of(text(request));
            }
            transcriptTokens += TokenEstimate.of(new MeetingTranscript(meeting.id(), meeting.title(), segments)
                    .text());
        }
        millis.sort(Double::compare);
        System.out.printf(Locale.ROOT, "RESULT %d-minute meetings (%d): %.1f requests each; overhead per meeting"
                + " (queue, prompts, checks, files, indexing the summary; model answering at once): median %.0f ms,"
                + " max %.0f ms; tokens sent / transcript tokens: %.3f%n", minutes, meetings,
                (double) requests / meetings, millis.get(millis.size() / 2), millis.get(millis.size() - 1),
                (double) sentTokens / transcriptTokens);
    }

    private static String text(Request request) {
        StringBuilder text = new StringBuilder();
        request.messages().forEach(message -> text.append(message.content()));
        return text.toString();
    }

    /** A meeting of about 150 spoken words a minute, in turns of two or three sentences. */
    private static List<Segment> meeting(int minutes, int seed) {
        List<Segment> segments = new ArrayList<>();
        String[] sentences = {"We should look at the retry budget before the release.",
            "The checkout team saw card declines go up after the last deploy.",
            "I can take the migration of the billing events if nobody else does.",
            "Let's keep the redesign behind a flag until the numbers settle.",
            "Support asked for a clearer message when a payment fails twice."};
        double time = 0;
        int turn = 0;
        while (time < minutes * 60) {
            String words = sentences[(turn + seed) % 5] + " " + sentences[(turn * 3 + seed + 1) % 5] + " Turn " + turn
                    + ".";
            double seconds = words.split(" ").length / 2.5;
            segments.add(new Segment(words, SPEAKERS[turn % 4], time, time + seconds));
            time += seconds;
            turn++;
        }
        return segments;
    }

    /** A model that answers at once, quoting the first line of what it was given. */
    private static Reply answer(Request request) {
        Matcher line = LINE.matcher(request.userText());
        boolean found = line.find();
        String quote = found ? line.group(2) : "none";
        String time = found ? line.group(1) : "00:00:00";
        if (request.systemText().contains("combine the summaries")) {
            Matcher earlier = Pattern.compile("\"quote\":\"([^\"]+)\",\"time\":\"([^\"]+)\"").matcher(
                    request.userText());
            if (earlier.find()) {
                quote = earlier.group(1);
                time = earlier.group(2);
            }
        }
        return Reply.text("""
                {"summary": "The team went through the release and agreed on the next steps.",
                 "speakers": [{"name": "Dana", "points": ["retry budget first"]}],
                 "decisions": ["Keep the redesign behind a flag"],
                 "action_items": [{"what": "Fix the retry budget", "owner": "Ravi", "due": null,
                                   "quote": "%s", "time": "%s"}]}""".formatted(quote.replace("\"", "'"), time));
    }
}
