package dev.teammate.source;

import java.time.Instant;

/**
 * How one source's syncing goes, as {@code /api/sources} shows it.
 *
 * @param name           the source, as item ids and the ledger name it ({@code drive}, {@code slack})
 * @param enabled        false when the source is not configured; it is then never synced
 * @param description    what it syncs, for people ("folders Design, Specs", "channels #eng, #product")
 * @param lastAttempt    when the last sync started, or {@code null}
 * @param lastSuccess    when a sync last finished without an error (kept across restarts), or {@code null}
 * @param lastChanged    items added, changed or removed by the last successful sync
 * @param errorsInARow   syncs that failed since the last success
 * @param lastError      what the last failed sync said, or {@code null} once a sync succeeds again
 * @param nextAttempt    when the next sync is due, or {@code null}
 */
public record SourceStatus(String name, boolean enabled, String description, Instant lastAttempt,
        Instant lastSuccess, int lastChanged, int errorsInARow, String lastError, Instant nextAttempt) {
}
