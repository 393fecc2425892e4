package dev.teammate.embed;

import dev.teammate.hub.TestHubs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedding model sees the whole chunk, not only its first 128 word pieces. */
class MiniLmEmbeddingModelTest {

    private final MiniLmEmbeddingModel model = TestHubs.model();

    @Test
    void textBeyond128WordPiecesChangesTheEmbedding() {
        String opening = "The quarterly planning meeting covered many routine topics in turn. ".repeat(14);
        try (MiniLmTokenizer tokenizer = new MiniLmTokenizer()) {
            assertThat(tokenizer.count(opening)).isBetween(150, 400);
        }
        float[] a = model.embed(opening + "Finally we agreed to migrate billing to the new payment provider.")
                .content().vector();
        float[] b = model.embed(opening + "Finally the office plants were watered and the kitchen was cleaned.")
                .content().vector();

        assertThat(cosine(a, b)).isLessThan(0.999);
    }

    @Test
    void unitVectorsOf384Dimensions() {
        float[] vector = model.embed("hello team").content().vector();
        assertThat(vector).hasSize(MiniLmEmbeddingModel.DIMENSIONS);
        assertThat(cosine(vector, vector)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void relatedSentencesAreCloserThanUnrelatedOnes() {
        float[] refund = model.embed("How do customers get their money back?").content().vector();
        float[] policy = model.embed("Our refund policy returns payments within 14 days.").content().vector();
        float[] lunch = model.embed("The team lunch is on Thursday at the Italian place.").content().vector();
        assertThat(cosine(refund, policy)).isGreaterThan(cosine(refund, lunch));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
