package dev.teammate.slack.sync;

import dev.teammate.extract.ExtractedText;
import dev.teammate.item.Item;

/**
 * One thread whose item must change: indexed at a new version (with its text), or removed (no text).
 *
 * @param run      the channel's sync it belongs to, told when the change is done
 * @param ts       the thread's ts
 * @param item     the item to index, or the item as the ledger knows it when it is removed
 * @param text     the text to index, or {@code null} for a removal
 * @param messages how many messages the thread holds now, for progress
 * @param unlisted true for a stored item whose thread the listing no longer has (not for one whose messages are
 *                 all deleted, which is still listed)
 */
public record ThreadChange(ChannelRun run, SlackTs ts, Item item, ExtractedText text, int messages,
        boolean unlisted) {

    /** For {@code routes/slack-sync.yaml}: true when the item is to be removed. */
    public boolean isRemoved() {
        return text == null;
    }
}
