package dev.teammate.summarize;

import dev.teammate.item.Item;

import java.nio.file.Path;

/**
 * One meeting being summarized.
 *
 * @param meeting    the meeting's item (a recording or a dropped transcript)
 * @param summary    the summary's own item, {@code summary:<meeting id>}: what the ledger lists and search finds
 * @param transcript the transcript to summarize
 * @param folder     where the meeting's outputs are (transcript, summary)
 */
public record SummaryJob(Item meeting, Item summary, MeetingTranscript transcript, Path folder) {
}
