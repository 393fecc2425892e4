package dev.teammate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link VectorStore} must do. An implementation's test extends this class and says how to open a store
 * over a folder; it then runs every test here unchanged, so the hub behaves the same whichever store is configured.
 *
 * <p>Vectors are synthetic and exact (unit axes and blends of two axes), so which chunk is nearest is known without
 * an embedding model, and the suite runs in seconds.
 */
public abstract class VectorStoreContract {

    /** 2023-11-14T22:13:20Z: a fixed item time, so time filters have known answers. */
    protected static final long T0 = 1_700_000_000_000L;

    @TempDir
    protected Path dir;

    protected VectorStore store;

    /**
     * Opens the store kept in {@code dir}: a new, empty one the first time; the same content when called again after
     * {@link VectorStore#close()} (the persistence tests do that).
     */
    protected abstract VectorStore openStore(Path dir);

    @BeforeEach
    void openFreshStore() {
        store = openStore(dir);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected void reopen() {
        store.close();
        store = openStore(dir);
    }

    // ---------------------------------------------------------------- writes

    @Test
    void storesChunksAndListsThemInPositionOrder() {
        store.replaceItem("file:a", List.of(
                chunk("file:a", 1, 2, "third part", unit(2)),
                chunk("file:a", 1, 0, "first part", unit(0)),
                chunk("file:a", 1, 1, "second part", unit(1))));

        assertThat(store.chunkIds("file:a")).containsExactly("file:a#1#0", "file:a#1#1", "file:a#1#2");
        assertThat(store.count()).isEqualTo(3);
    }

    @Test
    void newVersionReplacesEveryOldChunkEvenWhenShorter() {
        store.replaceItem("file:a", List.of(
                chunk("file:a", 1, 0, "alpha kiwi", unit(0)),
                chunk("file:a", 1, 1, "beta mango", unit(1)),
                chunk("file:a", 1, 2, "gamma papaya", unit(2))));

        store.replaceItem("file:a", List.of(
                chunk("file:a", 2, 0, "delta lemon", unit(3)),
                chunk("file:a", 2, 1, "epsilon lime", unit(4))));

        assertThat(store.chunkIds("file:a")).containsExactly("file:a#2#0", "file:a#2#1");
        assertThat(store.count()).isEqualTo(2);
        assertThat(keyword("papaya", 10)).isEmpty();
        assertThat(ids(vector(unit(2), 10))).doesNotContain("file:a#1#0", "file:a#1#1", "file:a#1#2");
    }

    @Test
    void sameIdsAreOverwrittenNotDuplicated() {
        store.replaceItem("file:a", List.of(
                chunk("file:a", 1, 0, "old wording about kiwi", unit(0)),
                chunk("file:a", 1, 1, "unchanged text", unit(1))));

        store.replaceItem("file:a", List.of(
                chunk("file:a", 1, 0, "new wording about mango", unit(0)),
                chunk("file:a", 1, 1, "unchanged text", unit(1))));

        assertThat(store.count()).isEqualTo(2);
        assertThat(store.chunkIds("file:a")).containsExactly("file:a#1#0", "file:a#1#1");
        assertThat(keyword("kiwi", 10)).isEmpty();
        assertThat(keyword("mango", 10)).extracting(hit -> hit.chunk().text())
                .containsExactly("new wording about mango");
    }

    @Test
    void replacingWithNoChunksRemovesTheItem() {
        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "kiwi", unit(0))));

        store.replaceItem("file:a", List.of());

        assertThat(store.chunkIds("file:a")).isEmpty();
        assertThat(store.count()).isZero();
    }

    @Test
    void replacingOneItemLeavesOthersAlone() {
        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "kiwi", unit(0))));
        store.replaceItem("file:b", List.of(chunk("file:b", 1, 0, "mango", unit(1)),
                chunk("file:b", 1, 1, "papaya", unit(2))));

        store.replaceItem("file:a", List.of(chunk("file:a", 2, 0, "lemon", unit(3))));

        assertThat(store.chunkIds("file:b")).containsExactly("file:b#1#0", "file:b#1#1");
        assertThat(store.count()).isEqualTo(3);
    }

    @Test
    void removeItemRemovesOnlyThatItem() {
        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "kiwi", unit(0)),
                chunk("file:a", 1, 1, "kiwi again", unit(1))));
        store.replaceItem("file:b", List.of(chunk("file:b", 1, 0, "mango", unit(2))));

        store.removeItem("file:a");

        assertThat(store.chunkIds("file:a")).isEmpty();
        assertThat(store.chunkIds("file:b")).containsExactly("file:b#1#0");
        assertThat(store.count()).isEqualTo(1);
        assertThat(keyword("kiwi", 10)).isEmpty();
    }

    @Test
    void removingAnUnknownItemIsNotAnError() {
        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "kiwi", unit(0))));

        assertThatCode(() -> store.removeItem("file:never-stored")).doesNotThrowAnyException();
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.chunkIds("file:never-stored")).isEmpty();
    }

    @Test
    void countsChunksAcrossItems() {
        assertThat(store.count()).isZero();

        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "a", unit(0)), chunk("file:a", 1, 1, "b", unit(1))));
        store.replaceItem("drive:b", List.of(chunk("drive:b", 1, 0, "c", unit(2))));

        assertThat(store.count()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- validation

    @Test
    void rejectsVectorOfWrongDimensionNamingTheChunkAndWritesNothing() {
        float[] tooShort = new float[store.dimensions() - 1];
        tooShort[0] = 1;

        assertThatThrownBy(() -> store.replaceItem("file:a", List.of(
                chunk("file:a", 1, 0, "fine", unit(0)),
                chunk("file:a", 1, 1, "broken", tooShort))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file:a#1#1")
                .hasMessageContaining(String.valueOf(store.dimensions()));
        assertThat(store.count()).isZero();
    }

    @Test
    void rejectsQueryVectorOfWrongDimension() {
        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "kiwi", unit(0))));

        assertThatThrownBy(() -> store.search(new SearchRequest("kiwi", new float[store.dimensions() + 1], 5, 10,
                null, SearchMode.HYBRID)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMissingIdsAndVectors() {
        StoredChunk noId = new StoredChunk(null, "file:a", "file", "t", "l", 0, "text", T0, null, null, unit(0));
        StoredChunk noVector = new StoredChunk("file:a#1#0", "file:a", "file", "t", "l", 0, "text", T0, null, null,
                null);
        StoredChunk otherItem = chunk("file:b", 1, 0, "text", unit(0));

        assertThatThrownBy(() -> store.replaceItem(null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.replaceItem("file:a", List.of(noId)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.replaceItem("file:a", List.of(noVector)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file:a#1#0");
        assertThatThrownBy(() -> store.replaceItem("file:a", List.of(otherItem)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file:b#1#0");
        assertThat(store.count()).isZero();
    }

    @Test
    void vectorSearchWithoutVectorIsRejected() {
        assertThatThrownBy(() -> store.search(new SearchRequest("kiwi", null, 5, 10, null, SearchMode.VECTOR)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- what comes back

    @Test
    void resultsCarryEveryStoredFieldButNoVector() {
        StoredChunk transcript = new StoredChunk("file:standup.m4a#3#1", "file:standup.m4a", "file", "Standup",
                "file:///meetings/standup.m4a", 1, "Anna: the release slips to Friday", T0 + 42, 61.5, 122.25,
                unit(0));
        StoredChunk document = new StoredChunk("drive:doc#1#0", "drive:doc", "drive", null, null, 0,
                "release notes draft", T0, null, null, unit(1));
        store.replaceItem("file:standup.m4a", List.of(transcript));
        store.replaceItem("drive:doc", List.of(document));

        List<SearchHit> hits = store.search(request("release", unit(0), 10, 10, null, SearchMode.HYBRID));

        assertThat(hits).extracting(SearchHit::chunk)
                .containsExactlyInAnyOrder(transcript.withoutVector(), document.withoutVector());
        assertThat(hits).allSatisfy(hit -> assertThat(hit.chunk().vector()).isNull());
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void returnsAtMostK(SearchMode mode) {
        List<StoredChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            chunks.add(chunk("file:a", 1, i, "roadmap item " + i, blend(0, 1, i / 40.0)));
        }
        store.replaceItem("file:a", chunks);

        assertThat(store.search(request("roadmap", unit(0), 3, 10, null, mode))).hasSize(3);
        assertThat(store.search(request("roadmap", unit(0), 25, 25, null, mode))).hasSize(20);
    }

    @Test
    void vectorModeRanksByCosineAndReportsItsRanks() {
        List<StoredChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // Angle to axis 0 grows with i: chunk i is the (i+1)-th nearest to unit(0).
            chunks.add(chunk("file:a", 1, i, "text " + i, blend(0, 1, i / 20.0)));
        }
        store.replaceItem("file:a", chunks);

        List<SearchHit> hits = store.search(request(null, unit(0), 5, 10, null, SearchMode.VECTOR));

        assertThat(ids(hits)).containsExactly("file:a#1#0", "file:a#1#1", "file:a#1#2", "file:a#1#3", "file:a#1#4");
        for (int i = 0; i < hits.size(); i++) {
            assertThat(hits.get(i).vectorRank()).isEqualTo(i + 1);
            assertThat(hits.get(i).keywordRank()).isNull();
            if (i > 0) {
                assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
            }
            // The score means the same in every store: (1 + cosine) / 2, which callers turn back into the cosine.
            assertThat(VectorStore.cosine(hits.get(i).score())).isCloseTo(Math.cos(i / 20.0 * Math.PI / 2),
                    within(1e-4));
        }
    }

    @Test
    void keywordModeRanksByBm25AndReportsItsRanks() {
        store.replaceItem("file:a", List.of(
                chunk("file:a", 1, 0, "budget budget budget review for the budget", unit(0)),
                chunk("file:a", 1, 1, "a short note that mentions the budget once among many other words here",
                        unit(1)),
                chunk("file:a", 1, 2, "nothing relevant", unit(2))));

        List<SearchHit> hits = keyword("budget", 10);

        assertThat(ids(hits)).containsExactly("file:a#1#0", "file:a#1#1");
        assertThat(hits.get(0).keywordRank()).isEqualTo(1);
        assertThat(hits.get(1).keywordRank()).isEqualTo(2);
        assertThat(hits).allSatisfy(hit -> assertThat(hit.vectorRank()).isNull());
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    }

    @Test
    void ticketIdRanksTheChunkThatContainsItFirst() {
        store.replaceItem("jira:a", List.of(
                chunk("jira:a", 1, 0, "PAY-1433 tracks the payment retry timeout, see also pay 1432 notes", unit(0)),
                chunk("jira:a", 1, 1, "We paid 1432 euros for the booth; the payment is pending.", unit(1)),
                chunk("jira:a", 1, 2, "Payment board review: pay ticket 1432 moves to QA, PAY team agrees.", unit(2)),
                chunk("jira:a", 1, 3, "The refund flow is blocked by PAY-1432 (currency rounding).", unit(3)),
                chunk("jira:a", 1, 4, "Unrelated chatter about lunch.", unit(4))));

        assertThat(ids(keyword("PAY-1432", 5))).first().isEqualTo("jira:a#1#3");
        assertThat(ids(keyword("what blocks pay-1432?", 5))).first().isEqualTo("jira:a#1#3");
    }

    // ---------------------------------------------------------------- hybrid

    @Test
    void hybridFindsAChunkThatMatchesOnlyByKeyword() {
        List<StoredChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            chunks.add(chunk("file:notes", 1, i, "sprint planning note " + i, blend(0, 1, i / 40.0)));
        }
        // Points away from the query vector: no nearest-neighbour search would bring it up.
        chunks.add(chunk("file:notes", 1, 20, "Customer escalation on PAY-1432 needs an owner", negative(0)));
        store.replaceItem("file:notes", chunks);

        List<SearchHit> hits = store.search(request("PAY-1432", unit(0), 10, 10, null, SearchMode.HYBRID));

        SearchHit ticket = hits.stream().filter(hit -> hit.chunk().id().equals("file:notes#1#20")).findFirst()
                .orElseThrow(() -> new AssertionError("hybrid search lost the keyword-only match: " + ids(hits)));
        assertThat(ticket.keywordRank()).isEqualTo(1);
        assertThat(ticket.vectorRank()).isNull();
    }

    @Test
    void hybridFindsAChunkThatMatchesOnlyByVector() {
        List<StoredChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            chunks.add(chunk("file:notes", 1, i, "invoice reminder number " + i, blend(5, 6, 0.2 + i / 100.0)));
        }
        // Shares no word with the query, but its vector is the query's.
        chunks.add(chunk("file:notes", 1, 20, "Quarterly revenue grew in the northern region", unit(0)));
        store.replaceItem("file:notes", chunks);

        // k above candidates: up to 9 chunks found by both retrievers outrank a chunk found by one, by design.
        List<SearchHit> hits = store.search(request("invoice reminder", unit(0), 12, 10, null, SearchMode.HYBRID));

        SearchHit semantic = hits.stream().filter(hit -> hit.chunk().id().equals("file:notes#1#20")).findFirst()
                .orElseThrow(() -> new AssertionError("hybrid search lost the vector-only match: " + ids(hits)));
        assertThat(semantic.vectorRank()).isEqualTo(1);
        assertThat(semantic.keywordRank()).isNull();
    }

    @Test
    void hybridScoresAreReciprocalRankFusionOfTheReportedRanks() {
        List<StoredChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String text = i % 3 == 0 ? "release checklist step " + i : "other topic " + i;
            chunks.add(chunk("file:a", 1, i, text, blend(0, 1, (i * 7 % 30) / 60.0)));
        }
        store.replaceItem("file:a", chunks);

        List<SearchHit> hits = store.search(request("release checklist", unit(0), 15, 20, null, SearchMode.HYBRID));

        assertThat(hits).hasSize(15);
        boolean sawBoth = false;
        for (int i = 0; i < hits.size(); i++) {
            SearchHit hit = hits.get(i);
            assertThat(hit.vectorRank() != null || hit.keywordRank() != null).isTrue();
            double expected = rrf(hit.vectorRank()) + rrf(hit.keywordRank());
            assertThat(hit.score()).isCloseTo(expected, within(1e-9));
            if (i > 0) {
                assertThat(hit.score()).isLessThanOrEqualTo(hits.get(i - 1).score());
            }
            sawBoth |= hit.vectorRank() != null && hit.keywordRank() != null;
        }
        assertThat(sawBoth).as("some chunk found by both retrievers").isTrue();
        assertThat(hits).extracting(SearchHit::vectorRank).filteredOn(rank -> rank != null)
                .allSatisfy(rank -> assertThat(rank).isBetween(1, 20)).doesNotHaveDuplicates();
        assertThat(hits).extracting(SearchHit::keywordRank).filteredOn(rank -> rank != null)
                .allSatisfy(rank -> assertThat(rank).isBetween(1, 20)).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void hybridWithBlankTextFallsBackToTheVectorRanking(String text) {
        List<StoredChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            chunks.add(chunk("file:a", 1, i, "weekly sync " + i, blend(0, 1, i / 20.0)));
        }
        store.replaceItem("file:a", chunks);

        List<SearchHit> hybrid = store.search(request(text, unit(0), 5, 10, null, SearchMode.HYBRID));
        List<SearchHit> vectorOnly = store.search(request(text, unit(0), 5, 10, null, SearchMode.VECTOR));

        assertThat(ids(hybrid)).isEqualTo(ids(vectorOnly)).hasSize(5);
        assertThat(hybrid).allSatisfy(hit -> assertThat(hit.keywordRank()).isNull());
        assertThat(store.search(request(null, unit(0), 5, 10, null, SearchMode.HYBRID))).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(foo AND", "*", "\"", "\\", "foo:", "title:foo", "foo^2", "[a TO", "~", "-", "?",
            "&&", "||", "AND", "/regex/", "+-!(){}[]^\"~*?:\\/"})
    void hostileQueryTextIsJustText(String text) {
        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "foo bar baz", unit(0)),
                chunk("file:a", 1, 1, "unrelated", unit(1))));

        for (SearchMode mode : SearchMode.values()) {
            assertThatCode(() -> store.search(request(text, unit(0), 5, 10, null, mode)))
                    .as("%s search for %s", mode, text).doesNotThrowAnyException();
        }
    }

    @Test
    void unbalancedQueryStillFindsItsWords() {
        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "unrelated", unit(0)),
                chunk("file:a", 1, 1, "the foo incident", unit(1))));

        assertThat(ids(keyword("(foo AND", 5))).containsExactly("file:a#1#1");
    }

    @Test
    void veryLongQueryTextDoesNotFail() {
        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "word17 and more", unit(0))));
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            longText.append("word").append(i).append(' ');
        }

        assertThatCode(() -> store.search(request(longText.toString(), unit(0), 5, 10, null, SearchMode.HYBRID)))
                .doesNotThrowAnyException();
    }

    // ---------------------------------------------------------------- filters

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void filtersBySource(SearchMode mode) {
        storeFilterFixture();

        SearchFilter filter = new SearchFilter(Set.of("drive", "slack"), null, null, null);

        assertThat(store.search(request("standup", unit(0), 10, 10, filter, mode)))
                .extracting(hit -> hit.chunk().source()).isNotEmpty().allMatch(s -> Set.of("drive", "slack")
                        .contains(s))
                .contains("drive", "slack");
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void filtersByItem(SearchMode mode) {
        storeFilterFixture();

        SearchFilter filter = new SearchFilter(null, Set.of("file:a", "slack:c"), null, null);

        assertThat(store.search(request("standup", unit(0), 10, 10, filter, mode)))
                .extracting(hit -> hit.chunk().itemId()).containsOnly("file:a", "slack:c").contains("file:a",
                        "slack:c");
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void filtersByTimeFromInclusiveToExclusive(SearchMode mode) {
        storeFilterFixture();

        SearchFilter filter = new SearchFilter(null, null, Instant.ofEpochMilli(T0 + 1000),
                Instant.ofEpochMilli(T0 + 2000));

        assertThat(store.search(request("standup", unit(0), 10, 10, filter, mode)))
                .extracting(hit -> hit.chunk().time()).containsOnly(T0 + 1000).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void filtersByOpenEndedTimeRanges(SearchMode mode) {
        storeFilterFixture();

        SearchFilter since = new SearchFilter(null, null, Instant.ofEpochMilli(T0 + 1000), null);
        SearchFilter before = new SearchFilter(null, null, null, Instant.ofEpochMilli(T0 + 1000));

        assertThat(store.search(request("standup", unit(0), 10, 10, since, mode)))
                .extracting(hit -> hit.chunk().time()).containsOnly(T0 + 1000, T0 + 2000).contains(T0 + 2000);
        assertThat(store.search(request("standup", unit(0), 10, 10, before, mode)))
                .extracting(hit -> hit.chunk().time()).containsOnly(T0).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void combinesFilters(SearchMode mode) {
        storeFilterFixture();

        SearchFilter filter = new SearchFilter(Set.of("file", "slack"), Set.of("file:a", "drive:b", "slack:c"),
                Instant.ofEpochMilli(T0 + 1000), null);

        // file:a is at T0 (too early), drive:b has the wrong source: only slack:c passes all three.
        assertThat(store.search(request("standup", unit(0), 10, 10, filter, mode)))
                .extracting(hit -> hit.chunk().itemId()).containsOnly("slack:c").isNotEmpty();
    }

    @Test
    void emptyTimeRangeFindsNothing() {
        storeFilterFixture();

        SearchFilter filter = new SearchFilter(null, null, Instant.ofEpochMilli(T0 + 2000),
                Instant.ofEpochMilli(T0 + 1000));

        assertThat(store.search(request("standup", unit(0), 10, 10, filter, SearchMode.HYBRID))).isEmpty();
    }

    @Test
    void vectorFilterIsAppliedBeforeTheNeighboursAreChosen() {
        List<StoredChunk> crowd = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            crowd.add(chunk("drive:crowd", 1, i, "deploy deploy deploy " + i, "drive", T0, blend(0, 1, i / 100.0)));
        }
        store.replaceItem("drive:crowd", crowd);
        store.replaceItem("file:far", List.of(
                chunk("file:far", 1, 0, "deploy", "file", T0, unit(7)),
                chunk("file:far", 1, 1, "deploy later", "file", T0, unit(8))));
        SearchFilter fileOnly = new SearchFilter(Set.of("file"), null, null, null);

        // Filtering after taking the 2 nearest would leave nothing: they are all in the crowd.
        assertThat(ids(store.search(request(null, unit(0), 2, 2, fileOnly, SearchMode.VECTOR))))
                .containsExactlyInAnyOrder("file:far#1#0", "file:far#1#1");
        assertThat(ids(store.search(request("deploy", null, 1, 1, fileOnly, SearchMode.KEYWORD))))
                .containsExactly("file:far#1#0");
        assertThat(ids(store.search(request("deploy", unit(0), 2, 2, fileOnly, SearchMode.HYBRID))))
                .containsExactlyInAnyOrder("file:far#1#0", "file:far#1#1");
    }

    /** Three items, each with a "standup" chunk: file:a at T0, drive:b at T0+1000, slack:c at T0+1000 and T0+2000. */
    private void storeFilterFixture() {
        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "standup notes from file", "file", T0, unit(0))));
        store.replaceItem("drive:b", List.of(
                chunk("drive:b", 1, 0, "standup notes from drive", "drive", T0 + 1000, blend(0, 1, 0.1))));
        store.replaceItem("slack:c", List.of(
                chunk("slack:c", 1, 0, "standup thread in slack", "slack", T0 + 1000, blend(0, 1, 0.2)),
                chunk("slack:c", 1, 1, "later standup thread", "slack", T0 + 2000, blend(0, 1, 0.3))));
    }

    // ---------------------------------------------------------------- life cycle

    @Test
    void contentSurvivesCloseAndReopen() {
        StoredChunk first = new StoredChunk("file:a#1#0", "file:a", "file", "Plan", "file:///plan.md", 0,
                "migration plan for the billing service", T0, null, null, unit(0));
        StoredChunk second = new StoredChunk("file:a#1#1", "file:a", "file", "Plan", "file:///plan.md", 1,
                "rollback steps", T0, 3.0, 9.5, unit(1));
        store.replaceItem("file:a", List.of(first, second));
        store.replaceItem("file:gone", List.of(chunk("file:gone", 1, 0, "removed later", unit(2))));
        store.removeItem("file:gone");

        reopen();

        assertThat(store.count()).isEqualTo(2);
        assertThat(store.chunkIds("file:a")).containsExactly("file:a#1#0", "file:a#1#1");
        assertThat(store.chunkIds("file:gone")).isEmpty();
        assertThat(keyword("billing", 5)).extracting(SearchHit::chunk).containsExactly(first.withoutVector());
        assertThat(vector(unit(1), 1)).extracting(SearchHit::chunk).containsExactly(second.withoutVector());
    }

    @Test
    void reopenedStoreAcceptsFurtherWrites() {
        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "kiwi", unit(0))));
        reopen();

        store.replaceItem("file:a", List.of(chunk("file:a", 2, 0, "mango", unit(1))));
        reopen();

        assertThat(store.chunkIds("file:a")).containsExactly("file:a#2#0");
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void closeIsIdempotentAndClosedStoreRefusesWork() {
        store.replaceItem("file:a", List.of(chunk("file:a", 1, 0, "kiwi", unit(0))));

        store.close();

        assertThatCode(store::close).doesNotThrowAnyException();
        assertThatThrownBy(() -> store.count()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.search(request("kiwi", unit(0), 1, 1, null, SearchMode.HYBRID)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.replaceItem("file:a", List.of()))
                .isInstanceOf(IllegalStateException.class);
        store = openStore(dir);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void searchesKeepWorkingWhileItemsAreWritten() throws Exception {
        int dimensions = store.dimensions();
        for (int item = 0; item < 10; item++) {
            store.replaceItem("file:" + item, version("file:" + item, 0, 3, dimensions));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int round = 1; round <= 60; round++) {
                        String itemId = "file:" + (round % 10);
                        store.replaceItem(itemId, version(itemId, round, 1 + round % 4, dimensions));
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            List<Future<?>> readers = new ArrayList<>();
            for (int reader = 0; reader < 2; reader++) {
                SearchMode mode = reader == 0 ? SearchMode.HYBRID : SearchMode.KEYWORD;
                readers.add(pool.submit(() -> {
                    do {
                        List<SearchHit> hits = store.search(request("status report", unit(searches.get() % 7), 5, 20,
                                null, mode));
                        assertThat(hits).hasSizeLessThanOrEqualTo(5).allSatisfy(hit ->
                                assertThat(hit.chunk().text()).startsWith("status report"));
                        store.chunkIds("file:3");
                        searches.incrementAndGet();
                    } while (writing.get());
                    return null;
                }));
            }

            writer.get(120, TimeUnit.SECONDS);
            for (Future<?> reader : readers) {
                reader.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(searches.get()).isGreaterThan(0);
        // Rounds 51..60 wrote each item last, with 1 + round % 4 chunks.
        long expected = 0;
        for (int round = 51; round <= 60; round++) {
            expected += 1 + round % 4;
        }
        assertThat(store.count()).isEqualTo(expected);
        assertThat(store.chunkIds("file:3")).containsExactly("file:3#53#0", "file:3#53#1");
    }

    // ---------------------------------------------------------------- helpers for implementations' tests too

    /** {@code count} chunks of one version of an item, each pointing along its own axis. */
    protected static List<StoredChunk> version(String itemId, int version, int count, int dimensions) {
        List<StoredChunk> chunks = new ArrayList<>();
        for (int position = 0; position < count; position++) {
            float[] vector = new float[dimensions];
            vector[(version * 5 + position) % dimensions] = 1;
            chunks.add(chunk(itemId, version, position, "status report v" + version + " part " + position, vector));
        }
        return chunks;
    }

    protected static StoredChunk chunk(String itemId, int version, int position, String text, float[] vector) {
        String source = itemId.substring(0, Math.max(itemId.indexOf(':'), 0));
        return chunk(itemId, version, position, text, source.isEmpty() ? "file" : source, T0, vector);
    }

    protected static StoredChunk chunk(String itemId, int version, int position, String text, String source,
            long time, float[] vector) {
        return new StoredChunk(itemId + "#" + version + "#" + position, itemId, source, "Title of " + itemId,
                "https://example.test/" + itemId, position, text, time, null, null, vector);
    }

    /** The unit vector along {@code axis}. */
    protected float[] unit(int axis) {
        float[] vector = new float[store.dimensions()];
        vector[axis] = 1;
        return vector;
    }

    protected float[] negative(int axis) {
        float[] vector = new float[store.dimensions()];
        vector[axis] = -1;
        return vector;
    }

    /**
     * A unit vector in the plane of two axes, turned from {@code from} toward {@code toward} by {@code turn} of a
     * right angle: its cosine to {@code unit(from)} falls strictly as {@code turn} grows from 0 to 1.
     */
    protected float[] blend(int from, int toward, double turn) {
        double angle = turn * Math.PI / 2;
        float[] vector = new float[store.dimensions()];
        vector[from] = (float) Math.cos(angle);
        vector[toward] = (float) Math.sin(angle);
        return vector;
    }

    protected static SearchRequest request(String text, float[] vector, int k, int candidates, SearchFilter filter,
            SearchMode mode) {
        return new SearchRequest(text, vector, k, candidates, filter, mode);
    }

    protected List<SearchHit> keyword(String text, int k) {
        return store.search(request(text, null, k, k, null, SearchMode.KEYWORD));
    }

    protected List<SearchHit> vector(float[] vector, int k) {
        return store.search(request(null, vector, k, Math.max(k, 10), null, SearchMode.VECTOR));
    }

    protected static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(hit -> hit.chunk().id()).toList();
    }

    private static double rrf(Integer rank) {
        return rank == null ? 0 : 1.0 / (ReciprocalRankFusion.DEFAULT_K + rank);
    }
}
