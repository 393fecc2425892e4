package dev.teammate.drive;

import dev.teammate.hub.TestHub;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.source.SourceStatus;
import dev.teammate.source.SourceStatuses;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/** Helpers for tests that run a hub against the {@link FakeDriveServer}. */
final class DriveHubs {

    private DriveHubs() {
    }

    /** Hub settings for the fake, syncing every {@code pollMs}. */
    static Properties settings(FakeDriveServer drive, String folders, long pollMs) {
        Properties properties = drive.hubSettings(folders);
        properties.setProperty("teammate.drive.poll-ms", "" + pollMs);
        properties.setProperty("teammate.drive.initial-delay-ms", "100");
        properties.setProperty("teammate.drive.page-size", "7");
        return properties;
    }

    static SourceStatus status(TestHub hub) {
        return hub.context().getRegistry().lookupByNameAndType("sources", SourceStatuses.class).get("drive");
    }

    /** Waits for a sync that started after now to succeed, and returns its status. */
    static SourceStatus awaitSync(TestHub hub, Duration timeout) {
        Instant mark = Instant.now();
        TestHub.await(timeout, "a Drive sync that started after " + mark + " to succeed", () -> {
            SourceStatus status = status(hub);
            return status.lastAttempt() != null && status.lastAttempt().isAfter(mark) && status.lastSuccess() != null
                    && !status.lastSuccess().isBefore(status.lastAttempt());
        });
        return status(hub);
    }

    /** Waits for a sync that started after now to fail, and returns its status. */
    static SourceStatus awaitFailure(TestHub hub, Duration timeout) {
        Instant mark = Instant.now();
        TestHub.await(timeout, "a Drive sync that started after " + mark + " to fail", () -> {
            SourceStatus status = status(hub);
            return status.lastAttempt() != null && status.lastAttempt().isAfter(mark) && status.errorsInARow() > 0
                    && (status.lastSuccess() == null || status.lastSuccess().isBefore(status.lastAttempt()));
        });
        return status(hub);
    }

    static Set<String> driveItems(TestHub hub) {
        Set<String> ids = new HashSet<>();
        for (LedgerEntry entry : hub.ledger().list("drive", null, 0, 100_000)) {
            ids.add(entry.itemId());
        }
        return ids;
    }

    static List<String> chunkIds(TestHub hub, String fileId) {
        return hub.store().chunkIds("drive:" + fileId);
    }
}
