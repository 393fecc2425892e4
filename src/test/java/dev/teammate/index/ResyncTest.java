package dev.teammate.index;

import dev.teammate.hub.TestHub;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.LedgerEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Re-sync is exact: the same content again is no work, changed content replaces every old chunk, a delete removes
 * everything, and the hub remembers all of it across restarts.
 */
class ResyncTest {

    private static final String ID = "file:specs/checkout.md";

    @TempDir
    Path dataDir;

    @Test
    void unchangedChangedDeletedAcrossRestarts() throws Exception {
        List<String> firstChunks;
        LedgerEntry first;
        try (TestHub hub = TestHub.start(dataDir)) {
            hub.dropAndWait("specs/checkout.md", version1());
            first = hub.entry(ID).orElseThrow();
            firstChunks = hub.store().chunkIds(ID);
            assertThat(first.status()).isEqualTo(ItemStatus.INDEXED);
            assertThat(firstChunks).hasSizeGreaterThan(1).isEqualTo(first.chunkIds());
        }

        try (TestHub hub = TestHub.start(dataDir)) {
            long chunksBefore = hub.store().count();
            hub.dropAndWait("specs/checkout.md", version1());

            LedgerEntry again = hub.entry(ID).orElseThrow();
            assertThat(again.version()).isEqualTo(first.version());
            assertThat(again.updated()).as("an unchanged drop does not touch the ledger").isEqualTo(first.updated());
            assertThat(hub.store().chunkIds(ID)).isEqualTo(firstChunks);
            assertThat(hub.store().count()).isEqualTo(chunksBefore);
        }

        List<String> secondChunks;
        try (TestHub hub = TestHub.start(dataDir)) {
            hub.dropAndWait("specs/checkout.md", version2());

            LedgerEntry changed = hub.entry(ID).orElseThrow();
            secondChunks = hub.store().chunkIds(ID);
            assertThat(changed.version()).isNotEqualTo(first.version());
            assertThat(secondChunks).isEqualTo(changed.chunkIds()).doesNotContainAnyElementsOf(firstChunks);
            assertThat(hub.store().count()).isEqualTo(secondChunks.size());
            assertThat(hub.search("apple pay wallet", 1).get("results").get(0).get("text").asText())
                    .contains("Apple Pay");
            assertThat(hub.search("guest checkout without an account", 10).get("results"))
                    .noneMatch(r -> r.get("text").asText().contains("guest checkout"));
        }

        try (TestHub hub = TestHub.start(dataDir)) {
            assertThat(hub.store().chunkIds(ID)).isEqualTo(secondChunks);
            assertThat(hub.delete("/api/items/" + TestHub.encode(ID)).statusCode()).isEqualTo(200);
            assertThat(hub.store().chunkIds(ID)).isEmpty();
            assertThat(hub.entry(ID)).isEmpty();
        }

        try (TestHub hub = TestHub.start(dataDir)) {
            assertThat(hub.store().count()).isZero();
            assertThat(hub.entry(ID)).isEmpty();
            assertThat(hub.search("checkout", 10).get("results")).isEmpty();
        }
    }

    private static String version1() {
        StringBuilder text = new StringBuilder("# Checkout\n\n");
        for (int i = 1; i <= 12; i++) {
            text.append("Section ").append(i).append(". The guest checkout lets shoppers buy without an account; ")
                    .append("step ").append(i).append(" asks for the shipping address, validates the postcode, ")
                    .append("and keeps the cart for thirty minutes so nobody loses their basket while paying.\n\n");
        }
        return text.toString();
    }

    private static String version2() {
        return """
                # Checkout

                The checkout now starts with the wallet: Apple Pay and Google Pay are offered first, cards second.

                Shoppers who pay with a wallet skip the address form; the wallet provides it.
                """;
    }
}
