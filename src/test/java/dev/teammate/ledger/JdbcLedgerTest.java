package dev.teammate.ledger;

import dev.teammate.item.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcLedgerTest {

    @TempDir
    Path dir;

    private JdbcLedger open() {
        return JdbcLedger.open("jdbc:h2:file:" + dir.resolve("ledger"), null, null);
    }

    private static Item item(String id, String version) {
        return new Item(id, "file", "Title of " + id, "file:///done/" + id, version,
                Instant.parse("2026-11-30T10:15:30Z"));
    }

    @Test
    void recordsVersionAndChunksAndSurvivesReopen() {
        try (JdbcLedger ledger = open()) {
            ledger.recordIndexed(item("file:a.md", "v1"), List.of("file:a.md#v1#0", "file:a.md#v1#1"));
            assertThat(ledger.isIndexed(item("file:a.md", "v1"))).isTrue();
            assertThat(ledger.isIndexed(item("file:a.md", "v2"))).isFalse();
        }
        try (JdbcLedger ledger = open()) {
            LedgerEntry entry = ledger.find("file:a.md").orElseThrow();
            assertThat(entry.version()).isEqualTo("v1");
            assertThat(entry.chunkIds()).containsExactly("file:a.md#v1#0", "file:a.md#v1#1");
            assertThat(entry.itemTime()).isEqualTo(Instant.parse("2026-11-30T10:15:30Z"));
            assertThat(entry.title()).isEqualTo("Title of file:a.md");
        }
    }

    @Test
    void countsUnfinishedAttemptsAcrossReopenUntilTheWorkEnds() {
        try (JdbcLedger ledger = open()) {
            ledger.recordWaiting(item("file:call.m4a", "v1"), "queued");
            assertThat(ledger.recordAttempt(item("file:call.m4a", "v1"), "transcribing")).isEqualTo(1);
        }
        try (JdbcLedger ledger = open()) {
            // The process died during the first attempt: the count is still there after a restart.
            assertThat(ledger.find("file:call.m4a").orElseThrow().attempts()).isEqualTo(1);
            assertThat(ledger.recordAttempt(item("file:call.m4a", "v1"), "transcribing")).isEqualTo(2);
            // A new version starts counting afresh.
            assertThat(ledger.recordAttempt(item("file:call.m4a", "v2"), "transcribing")).isEqualTo(1);
            ledger.recordIndexed(item("file:call.m4a", "v2"), List.of("c0"));
            LedgerEntry entry = ledger.find("file:call.m4a").orElseThrow();
            assertThat(entry.attempts()).isZero();
            assertThat(entry.status()).isEqualTo(ItemStatus.INDEXED);
        }
    }

    @Test
    void newVersionReplacesChunkIds() {
        try (JdbcLedger ledger = open()) {
            ledger.recordIndexed(item("file:a.md", "v1"), List.of("c0", "c1", "c2"));
            ledger.recordIndexed(item("file:a.md", "v2"), List.of("d0"));
            assertThat(ledger.find("file:a.md").orElseThrow().chunkIds()).containsExactly("d0");
            assertThat(ledger.list(null, null, 0, 10)).hasSize(1);
        }
    }

    @Test
    void failedUpdateKeepsTheIndexedVersionSoARetryHappens() {
        try (JdbcLedger ledger = open()) {
            ledger.recordIndexed(item("file:a.md", "v1"), List.of("c0"));
            ledger.recordFailed(item("file:a.md", "v2"), "cannot read PDF");

            LedgerEntry entry = ledger.find("file:a.md").orElseThrow();
            assertThat(entry.status()).isEqualTo(ItemStatus.FAILED);
            assertThat(entry.reason()).isEqualTo("cannot read PDF");
            assertThat(entry.version()).as("still what the store holds").isEqualTo("v1");
            assertThat(entry.chunkIds()).containsExactly("c0");
            assertThat(ledger.isIndexed(item("file:a.md", "v1"))).as("a failed item is retried").isFalse();
        }
    }

    @Test
    void listsByStatusAndSourceWithPaging() {
        try (JdbcLedger ledger = open()) {
            for (int i = 0; i < 5; i++) {
                ledger.recordIndexed(item("file:doc" + i + ".md", "v"), List.of("x" + i));
            }
            ledger.recordWaiting(item("file:call.m4a", "v"), "waiting for transcription");
            ledger.recordFailed(item("file:bad.pdf", "v"), "corrupt");

            assertThat(ledger.list(null, ItemStatus.INDEXED, 0, 100)).hasSize(5);
            assertThat(ledger.list("file", ItemStatus.WAITING, 0, 100)).extracting(LedgerEntry::itemId)
                    .containsExactly("file:call.m4a");
            assertThat(ledger.list("drive", null, 0, 100)).isEmpty();
            assertThat(ledger.list(null, null, 2, 3)).extracting(LedgerEntry::itemId)
                    .containsExactly("file:doc0.md", "file:doc1.md", "file:doc2.md");
            assertThat(ledger.countByStatus()).containsEntry(ItemStatus.INDEXED, 5L)
                    .containsEntry(ItemStatus.WAITING, 1L).containsEntry(ItemStatus.FAILED, 1L);
        }
    }

    @Test
    void removeForgetsTheItem() {
        try (JdbcLedger ledger = open()) {
            ledger.recordIndexed(item("file:a.md", "v1"), List.of("c0"));
            assertThat(ledger.remove("file:a.md")).isTrue();
            assertThat(ledger.remove("file:a.md")).isFalse();
            assertThat(ledger.find("file:a.md")).isEmpty();
        }
    }

    @Test
    void cursorsPersist() {
        try (JdbcLedger ledger = open()) {
            assertThat(ledger.cursor("drive")).isEmpty();
            ledger.saveCursor("drive", "token-1");
            ledger.saveCursor("drive", "token-2");
        }
        try (JdbcLedger ledger = open()) {
            assertThat(ledger.cursor("drive")).contains("token-2");
        }
    }
}
