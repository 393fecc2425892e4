package dev.teammate.transcribe;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SilenceCutTest {

    private static final int RATE = SpeechRecognizer.SAMPLE_RATE;

    @Test
    void cutsInTheQuietGapNearTheEnd() {
        float[] samples = noise(60 * RATE);
        // A 300 ms pause at 55.0 s, inside the last 10 s that are searched.
        Arrays.fill(samples, 55 * RATE, 55 * RATE + 3 * RATE / 10, 0f);

        int cut = SilenceCut.cutPoint(samples, samples.length, 10 * RATE);

        assertThat(cut).isBetween(55 * RATE, 55 * RATE + 3 * RATE / 10);
    }

    @Test
    void ignoresAPauseBeforeTheSearchedStretch() {
        float[] samples = noise(60 * RATE);
        Arrays.fill(samples, 20 * RATE, 21 * RATE, 0f);

        int cut = SilenceCut.cutPoint(samples, samples.length, 10 * RATE);

        assertThat(cut).isBetween(50 * RATE, 60 * RATE);
    }

    @Test
    void aWindowShorterThanOneFrameIsTakenWhole() {
        assertThat(SilenceCut.cutPoint(new float[1000], 1000, 10 * RATE)).isEqualTo(1000);
    }

    private static float[] noise(int n) {
        SplittableRandom random = new SplittableRandom(7);
        float[] samples = new float[n];
        for (int i = 0; i < n; i++) {
            samples[i] = (float) (random.nextDouble() - 0.5);
        }
        return samples;
    }
}
