package dev.teammate.ledger;

/** Where an item stands in the pipeline. */
public enum ItemStatus {
    /** Its current version is searchable. */
    INDEXED,
    /** Kept, waiting for a stage that is not available yet (a recording waiting for transcription). */
    WAITING,
    /** The last attempt failed; the reason says why and the item was kept for a retry. */
    FAILED
}
