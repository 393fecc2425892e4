package dev.teammate.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AudioDecoderTest {

    /** jfk.wav: 176 000 samples at 16 kHz. */
    private static final double JFK_SECONDS = 11.0;

    @TempDir
    Path dir;

    private final AudioDecoder decoder = new AudioDecoder(TestRecordings.ffmpeg());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jfk.m4a  | -c:a aac -b:a 64k",
        "jfk.mp3  | -c:a libmp3lame -b:a 64k",
        "jfk.ogg  | -c:a libvorbis",
        "jfk.webm | -c:a libopus",
        "jfk.flac | -c:a flac",
        "jfk.mov  | -c:a aac",
        "jfk.wav  | -ar 44100 -ac 2"})
    void decodesEveryRecordingFormatTo16kHzMono(String name, String encoding) throws Exception {
        Path recording = TestRecordings.convert(TestRecordings.jfk(), dir.resolve(name), encoding.strip().split(" "));

        assertThat(decoder.probeSeconds(recording)).isCloseTo(JFK_SECONDS, within(0.2));
        AtomicLong count = new AtomicLong();
        AtomicInteger loud = new AtomicInteger();
        long samples = decoder.decode(recording, (block, n) -> {
            count.addAndGet(n);
            for (int i = 0; i < n; i++) {
                assertThat(block[i]).isBetween(-1f, 1f);
                if (Math.abs(block[i]) > 0.1f) {
                    loud.incrementAndGet();
                }
            }
        });

        assertThat(samples).isEqualTo(count.get());
        // Encoders pad or trim a few milliseconds at the edges.
        assertThat(samples / 16_000.0).isCloseTo(JFK_SECONDS, within(0.15));
        assertThat(loud.get()).as("speech, not silence").isGreaterThan(1000);
    }

    @Test
    void takesTheSoundOfAVideo() throws Exception {
        Path video = TestRecordings.videoWithSound(TestRecordings.jfk(), dir.resolve("meeting.mp4"));

        long samples = decoder.decode(video, (block, n) -> { });

        assertThat(samples / 16_000.0).isCloseTo(JFK_SECONDS, within(0.3));
    }

    @Test
    void aVideoWithoutSoundHasNothingToTranscribe() throws Exception {
        Path video = TestRecordings.videoWithoutSound(dir.resolve("screen-share.mp4"));

        assertThatThrownBy(() -> decoder.probeSeconds(video)).isInstanceOf(AudioDecodingException.class)
                .hasMessage("screen-share.mp4 has no audio track (a video without sound): there is nothing to"
                        + " transcribe");
        assertThatThrownBy(() -> decoder.decode(video, (block, n) -> { }))
                .isInstanceOf(AudioDecodingException.class).hasMessageContaining("screen-share.mp4");
    }

    @Test
    void anEmptyFileIsNamedAsEmpty() throws Exception {
        Path empty = Files.createFile(dir.resolve("call.m4a"));

        assertThatThrownBy(() -> decoder.probeSeconds(empty)).hasMessage("call.m4a is empty (0 bytes)");
        assertThatThrownBy(() -> decoder.decode(empty, (block, n) -> { })).hasMessage("call.m4a is empty (0 bytes)");
    }

    @Test
    void garbageIsNotARecording() throws Exception {
        byte[] garbage = new byte[50_000];
        new java.util.Random(3).nextBytes(garbage);
        Path file = Files.write(dir.resolve("call.mp3"), garbage);

        assertThatThrownBy(() -> {
            decoder.probeSeconds(file);
            decoder.decode(file, (block, n) -> { });
        }).isInstanceOf(AudioDecodingException.class).hasMessageContaining("call.mp3");
    }

    @Test
    void aTruncatedRecordingStillYieldsItsFirstPart() throws Exception {
        Path whole = TestRecordings.convert(TestRecordings.jfk(), dir.resolve("whole.mp3"), "-c:a", "libmp3lame");
        byte[] bytes = Files.readAllBytes(whole);
        Path half = Files.write(dir.resolve("half.mp3"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        long samples = decoder.decode(half, (block, n) -> { });

        assertThat(samples / 16_000.0).isBetween(4.0, 7.0);
    }

    @Test
    void aSinkThatStopsEndsFfmpeg() throws Exception {
        Path long10 = TestRecordings.looped(TestRecordings.jfk(), 600, dir.resolve("long.flac"), "-c:a", "flac");
        AtomicLong seen = new AtomicLong();

        assertThatThrownBy(() -> decoder.decode(long10, (block, n) -> {
            if (seen.addAndGet(n) > 16_000 * 5) {
                throw new IllegalStateException("enough");
            }
        })).hasMessage("enough");
        assertThat(seen.get()).isLessThan(16_000L * 60);
    }
}
