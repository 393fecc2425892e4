package dev.teammate.slack.sync;

import com.slack.api.model.Message;
import dev.teammate.ledger.Ledger;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.slack.sync.ThreadItems.ThreadItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The threads of one channel whose items must change in this sync, found one at a time as the route asks for them.
 *
 * <p>At the start the channel's messages after the run's {@code from} are listed ({@code conversations.history});
 * stored items in that range whose thread is no longer listed are removals. Then each listed thread is read (its
 * replies through {@code conversations.replies} when it has any; a message without replies is its own thread) and
 * compared with the ledger: the same version is no work, a new one is a change, a thread with nothing left in it is
 * a removal. Threads before {@code from} are not looked at: that is what keeps a sync with nothing new at one request.
 */
final class ChannelChanges implements Iterator<ThreadChange> {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelChanges.class);
    private static final int LEDGER_PAGE = 1000;
    private static final int LISTING_PROGRESS_PAGES = 10;

    private final ChannelRun run;
    private final SlackReader reader;
    private final ThreadItems items;
    private final Ledger ledger;
    private final String workspaceUrl;
    private final Deque<ThreadChange> removals = new ArrayDeque<>();
    private final Deque<Message> threads = new ArrayDeque<>();
    private final Map<SlackTs, LedgerEntry> stored;
    private ThreadChange next;

    ChannelChanges(ChannelRun run, SlackReader reader, ThreadItems items, Ledger ledger, String workspaceUrl) {
        this.run = run;
        this.reader = reader;
        this.items = items;
        this.ledger = ledger;
        this.workspaceUrl = workspaceUrl;
        this.stored = storedAfter(ledger, run.channelId(), run.isRemoved() ? null : run.from());

        List<SlackTs> listed = new ArrayList<>();
        List<SlackTs> threadTs = new ArrayList<>();
        if (!run.isRemoved()) {
            List<Message> messages = reader.history(run.channelId(), run.name(), run.from(), page -> {
                if (page % LISTING_PROGRESS_PAGES == 0) {
                    LOG.info("Slack {}: listed {} pages of messages so far", run.name(), page);
                }
            });
            for (Message message : messages) {
                SlackTs ts = SlackTs.parse(message.getTs());
                listed.add(ts);
                if (isThread(message)) {
                    threads.add(message);
                    threadTs.add(ts);
                }
            }
        }
        for (SlackTs ts : threadTs) {
            stored.remove(ts);
        }
        for (Map.Entry<SlackTs, LedgerEntry> gone : stored.entrySet()) {
            removals.add(new ThreadChange(run, gone.getKey(), gone.getValue().item(), null, 0, true));
        }
        run.listed(listed, threadTs, removals.size());
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (!removals.isEmpty()) {
                next = removals.poll();
            } else if (!threads.isEmpty()) {
                next = change(threads.poll());
            } else {
                return false;
            }
        }
        return true;
    }

    @Override
    public ThreadChange next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ThreadChange change = next;
        next = null;
        return change;
    }

    /** The change a listed thread needs, or {@code null} when it needs none (then it is done already). */
    private ThreadChange change(Message parent) {
        SlackTs ts = SlackTs.parse(parent.getTs());
        boolean hasReplies = parent.getReplyCount() != null && parent.getReplyCount() > 0
                || parent.getLatestReply() != null;
        List<Message> messages = hasReplies ? reader.thread(run.channelId(), run.name(), parent.getTs())
                : List.of(parent);
        Optional<ThreadItem> thread = items.item(run.channelId(), run.name(), workspaceUrl, parent.getTs(), messages);
        if (thread.isEmpty()) {
            Optional<LedgerEntry> known = ledger.find(ThreadItems.itemId(run.channelId(), parent.getTs()));
            if (known.isPresent()) {
                return new ThreadChange(run, ts, known.get().item(), null, 0, false);
            }
            run.done(ts, false, false, false, 0);
            return null;
        }
        if (ledger.isIndexed(thread.get().item())) {
            run.done(ts, false, false, false, messages.size());
            return null;
        }
        return new ThreadChange(run, ts, thread.get().item(), thread.get().text(), messages.size(), false);
    }

    /** A top-level message that starts a thread or stands alone; replies shown in the channel belong to theirs. */
    private static boolean isThread(Message message) {
        boolean topLevel = message.getThreadTs() == null || message.getThreadTs().equals(message.getTs());
        boolean hasReplies = message.getReplyCount() != null && message.getReplyCount() > 0;
        return topLevel && (ThreadItems.isContent(message) || hasReplies);
    }

    /** The channel's stored items by thread ts, those after {@code after} only (all when it is {@code null}). */
    static TreeMap<SlackTs, LedgerEntry> storedAfter(Ledger ledger, String channelId, SlackTs after) {
        String prefix = ThreadItems.itemId(channelId, "");
        TreeMap<SlackTs, LedgerEntry> stored = new TreeMap<>();
        for (int offset = 0; ; offset += LEDGER_PAGE) {
            List<LedgerEntry> page = ledger.list(ThreadItems.SOURCE, null, offset, LEDGER_PAGE);
            for (LedgerEntry entry : page) {
                if (!entry.itemId().startsWith(prefix)) {
                    continue;
                }
                SlackTs ts = ThreadItems.threadTs(entry.itemId());
                if (ts != null && (after == null || ts.isAfter(after))) {
                    stored.put(ts, entry);
                }
            }
            if (page.size() < LEDGER_PAGE) {
                return stored;
            }
        }
    }
}
