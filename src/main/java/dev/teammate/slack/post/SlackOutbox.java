package dev.teammate.slack.post;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import dev.teammate.item.Item;
import dev.teammate.ledger.Ledger;
import dev.teammate.slack.post.PostFailure.Kind;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The posts waiting for Slack, one JSON file each in {@code <data>/slack/pending/}, so that none is lost when Slack is
 * down, rate limiting, or refusing the setup, nor when the hub stops. The routes of {@code routes/slack.yaml} add
 * posts here; the sending route takes the oldest one, one per tick, and reports back whether it went out.
 *
 * <p>Posts go out strictly in the order they came, and a post that failed holds back the ones behind it: they all go
 * to the same channel with the same token, so what stopped one (a 429, a wrong channel, a bad token) stops the
 * others too, and the parts of a long draft must not arrive out of order. How long the queue waits depends on the
 * {@link PostFailure.Kind}: Slack's {@code Retry-After} for a 429, {@code teammate.slack.retry-ms} when Slack is
 * unreachable or failing, {@code teammate.slack.setup-retry-ms} when the setup is wrong (or until the hub restarts,
 * which is when a fixed token or channel takes effect). A message Slack refuses as such is moved to
 * {@code <data>/slack/refused/} with the reason, so it stops blocking the queue.
 *
 * <p>A post that waited or was refused is also in the ledger as {@code slack-out:<file>} with its reason, so
 * {@code /api/items?source=slack-out} shows what waits and why.
 */
public final class SlackOutbox {

    /** Header naming the pending file of the post being sent. */
    public static final String POST_FILE = "TeammateSlackPost";
    public static final String SOURCE = "slack-out";

    private static final Logger LOG = LoggerFactory.getLogger(SlackOutbox.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * A post as it is kept on disk. Times are epoch milliseconds.
     *
     * @param notBefore no try before this time
     * @param kind      the {@link PostFailure.Kind} of the last failure, or {@code null} before the first try
     * @param failedAt  when the last try failed, or 0
     */
    public record Pending(SlackPost post, long queuedAt, int attempts, long notBefore, String kind, String reason,
                          long failedAt) {
    }

    private final Path pendingDir;
    private final Path refusedDir;
    private final Ledger ledger;
    private final SlackOut slackOut;
    private final FailureClassifier classifier;
    private final long startedAt = System.currentTimeMillis();
    private long lastId;

    public SlackOutbox(Path slackDir, Ledger ledger, SlackOut slackOut, FailureClassifier classifier)
            throws IOException {
        this.pendingDir = Files.createDirectories(slackDir.resolve("pending"));
        this.refusedDir = Files.createDirectories(slackDir.resolve("refused"));
        this.ledger = ledger;
        this.slackOut = slackOut;
        this.classifier = classifier;
    }

    /** Keeps the posts, in order, for the sending route. */
    public void add(@Body List<SlackPost> posts) throws IOException {
        for (SlackPost post : posts) {
            Path file = pendingDir.resolve(String.format("%016d.json", nextId()));
            write(file, new Pending(post, System.currentTimeMillis(), 0, 0, null, null, 0));
        }
        if (!posts.isEmpty()) {
            LOG.info("Queued for Slack {}: {}{}", slackOut.channel(), posts.get(0).what().replaceFirst(", part.*", ""),
                    posts.size() == 1 ? "" : " in " + posts.size() + " messages");
        }
    }

    /**
     * Puts the oldest post on the exchange as a Slack {@link Message}, with {@link #POST_FILE}, when it is due; sets a
     * {@code null} body when nothing is due (or Slack out is off).
     */
    public void next(Exchange exchange) throws IOException {
        exchange.getMessage().setBody(null);
        if (!slackOut.isOn()) {
            return;
        }
        Optional<Path> oldest = oldest();
        if (oldest.isEmpty()) {
            return;
        }
        Path file = oldest.get();
        Pending pending;
        try {
            pending = JSON.readValue(file.toFile(), Pending.class);
        } catch (IOException e) {
            setAside(file, "the pending file cannot be read: " + e.getMessage());
            return;
        }
        if (!due(pending, System.currentTimeMillis())) {
            return;
        }
        exchange.getMessage().setHeader(POST_FILE, file.getFileName().toString());
        exchange.getMessage().setBody(message(pending.post()));
    }

    /** The post went out: it is no longer kept. */
    public void sent(Exchange exchange) throws IOException {
        Path file = pendingDir.resolve(exchange.getMessage().getHeader(POST_FILE, String.class));
        Pending pending = JSON.readValue(file.toFile(), Pending.class);
        Files.deleteIfExists(file);
        if (pending.attempts() > 0) {
            ledger.remove(itemId(file));
            LOG.info("Posted to Slack {}: {} (after {} failed tries)", slackOut.channel(), pending.post().what(),
                    pending.attempts());
        } else {
            LOG.info("Posted to Slack {}: {}", slackOut.channel(), pending.post().what());
        }
    }

    /** The post did not go out: it is kept with the reason and tried again later, or set aside if Slack refused it. */
    public void failed(Exchange exchange) throws IOException {
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        PostFailure failure = classifier.classify(thrown == null ? exchange.getException() : thrown);
        Path file = pendingDir.resolve(exchange.getMessage().getHeader(POST_FILE, String.class));
        Pending before = JSON.readValue(file.toFile(), Pending.class);
        long now = System.currentTimeMillis();
        Pending after = new Pending(before.post(), before.queuedAt(), before.attempts() + 1,
                now + failure.delay().toMillis(), failure.kind().name(), failure.reason(), now);

        if (failure.kind() == Kind.REFUSED) {
            Path target = refusedDir.resolve(file.getFileName());
            write(target, after);
            Files.deleteIfExists(file);
            ledger.recordFailed(item(file, after), failure.reason());
            LOG.warn("Not posted to Slack {}: {}: {}; kept in {}", slackOut.channel(), after.post().what(),
                    failure.reason(), target);
            return;
        }
        write(file, after);
        ledger.recordWaiting(item(file, after), failure.reason());
        String next = failure.kind() == Kind.SETUP ? "next try in " + seconds(failure.delay()) + " or at the next start"
                : "next try in " + seconds(failure.delay());
        LOG.warn("Not posted to Slack {} yet: {}: {}; {} ({} waiting)", slackOut.channel(), after.post().what(),
                failure.reason(), next, waiting());
    }

    /** Posts waiting to be sent. */
    public long waiting() throws IOException {
        try (Stream<Path> files = pendingFiles()) {
            return files.count();
        }
    }

    private boolean due(Pending pending, long now) {
        // A wrong token or channel is fixed by changing the settings and restarting: then the post is tried at once.
        if (Kind.SETUP.name().equals(pending.kind()) && pending.failedAt() < startedAt) {
            return true;
        }
        return now >= pending.notBefore();
    }

    private static Message message(SlackPost post) {
        List<LayoutBlock> blocks = post.sections().stream()
                .map(text -> (LayoutBlock) SectionBlock.builder()
                        .text(MarkdownTextObject.builder().text(text).build())
                        .build())
                .toList();
        Message message = new Message();
        message.setText(post.fallback());
        message.setBlocks(blocks);
        return message;
    }

    private Optional<Path> oldest() throws IOException {
        try (Stream<Path> files = pendingFiles()) {
            return files.min(Path::compareTo);
        }
    }

    private Stream<Path> pendingFiles() throws IOException {
        return Files.list(pendingDir).filter(file -> {
            String name = file.getFileName().toString();
            return name.endsWith(".json") && !name.startsWith(".");
        });
    }

    private void setAside(Path file, String reason) throws IOException {
        Path target = refusedDir.resolve(file.getFileName());
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(refusedDir.resolve(file.getFileName() + ".error.txt"), reason + "\n");
        LOG.warn("Set aside {}: {}", target, reason);
    }

    /** Ids grow with the clock and never repeat, so file names sort in the order posts came. */
    private synchronized long nextId() {
        lastId = Math.max(System.currentTimeMillis() * 1000, lastId + 1);
        return lastId;
    }

    private static String itemId(Path file) {
        return SOURCE + ":" + file.getFileName();
    }

    private static Item item(Path file, Pending pending) {
        return new Item(itemId(file), SOURCE, "Slack post: " + pending.post().what(), null,
                file.getFileName().toString(), Instant.ofEpochMilli(pending.queuedAt()));
    }

    private static String seconds(Duration wait) {
        return wait.toMillis() < 10_000 && wait.toMillis() % 1000 != 0 ? wait.toMillis() + " ms"
                : wait.toSeconds() + " s";
    }

    private static void write(Path target, Pending pending) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".part");
        JSON.writeValue(partial.toFile(), pending);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
