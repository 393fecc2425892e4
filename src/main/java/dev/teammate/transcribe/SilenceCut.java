package dev.teammate.transcribe;

/**
 * Chooses where to cut a long recording into windows: at the quietest moment near the window's end, so that a cut
 * falls between words rather than through one. Whisper sees each window on its own, and a word cut in two is lost
 * or misheard on both sides.
 */
final class SilenceCut {

    /** Length of the frames compared, in samples (100 ms at 16 kHz). */
    static final int FRAME = 1_600;

    private SilenceCut() {
    }

    /**
     * Returns where to cut {@code samples[0..count)}: the start of the frame with the least energy among the frames
     * in the last {@code searchSamples} samples, or {@code count} when the window is too short to search.
     */
    static int cutPoint(float[] samples, int count, int searchSamples) {
        int searchStart = Math.max(FRAME, count - searchSamples);
        if (count - searchStart < FRAME) {
            return count;
        }
        int best = count;
        double bestEnergy = Double.MAX_VALUE;
        for (int frame = searchStart; frame + FRAME <= count; frame += FRAME / 2) {
            double energy = 0;
            for (int i = frame; i < frame + FRAME; i++) {
                energy += samples[i] * samples[i];
            }
            // Later frames win ties, so silence at the very end keeps the window as long as it can be.
            if (energy <= bestEnergy) {
                bestEnergy = energy;
                best = frame + FRAME / 2;
            }
        }
        return best;
    }
}
