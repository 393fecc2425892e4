package dev.teammate.audio;

import ws.schild.jave.EncoderException;
import ws.schild.jave.MultimediaObject;
import ws.schild.jave.info.MultimediaInfo;
import ws.schild.jave.process.ProcessLocator;
import ws.schild.jave.process.ProcessWrapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Turns any recording ffmpeg can read (m4a, mp3, mp4, mov, webm, ogg, flac, wav and more) into 16 kHz mono samples,
 * streamed: ffmpeg writes raw 16-bit PCM to a pipe and the samples reach the caller in small blocks, so a two-hour
 * meeting never sits in memory whole.
 *
 * <p>ffmpeg reads the recording by path, not from a pipe: an m4a or mp4 whose index sits at the end of the file
 * ("moov" atom without faststart) cannot be read from a pipe, and ffmpeg then exits 0 having written nothing. The
 * byte count is checked for the same reason.
 */
public class AudioDecoder {

    /** Samples per second of the decoded audio, what whisper expects. */
    public static final int SAMPLE_RATE = 16_000;

    private static final int READ_BYTES = 64 * 1024;
    private static final int STDERR_LINES_KEPT = 12;

    private final ProcessLocator ffmpeg;

    public AudioDecoder(ProcessLocator ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** Receives decoded samples in order, in [-1, 1); {@code samples} is reused after the call returns. */
    @FunctionalInterface
    public interface SampleSink {
        void accept(float[] samples, int count);
    }

    /**
     * Checks that the recording holds audio ffmpeg can decode and returns its length in seconds ({@code 0} when the
     * container does not say).
     */
    public double probeSeconds(Path recording) throws AudioDecodingException {
        checkNotEmpty(recording);
        MultimediaInfo info;
        try {
            info = new MultimediaObject(recording.toFile(), ffmpeg).getInfo();
        } catch (EncoderException e) {
            throw new AudioDecodingException(recording.getFileName() + " is not a recording ffmpeg can read (corrupt,"
                    + " or not audio or video at all): " + e.getMessage(), e);
        }
        if (info.getAudio() == null) {
            throw new AudioDecodingException(recording.getFileName() + " has no audio track"
                    + (info.getVideo() != null ? " (a video without sound)" : "") + ": there is nothing to transcribe");
        }
        return Math.max(0, info.getDuration()) / 1000.0;
    }

    /**
     * Decodes the whole recording into {@code sink} and returns the number of samples.
     *
     * @throws AudioDecodingException when ffmpeg fails or yields no audio; the reason carries ffmpeg's own words
     */
    public long decode(Path recording, SampleSink sink) throws AudioDecodingException {
        checkNotEmpty(recording);
        ProcessWrapper process = ffmpeg.createExecutor();
        for (String argument : new String[] {"-nostdin", "-nostats", "-loglevel", "error",
                "-i", recording.toAbsolutePath().toString(),
                "-vn", "-ac", "1", "-ar", String.valueOf(SAMPLE_RATE), "-acodec", "pcm_s16le", "-f", "s16le",
                "pipe:1"}) {
            process.addArgument(argument);
        }
        try {
            process.execute(true, true);
        } catch (IOException e) {
            throw new AudioDecodingException("could not start ffmpeg for " + recording.getFileName() + ": "
                    + e.getMessage(), e);
        }
        StderrTail stderr = new StderrTail(process.getErrorStream());
        stderr.start();
        long samples;
        boolean finished = false;
        try {
            samples = pump(process.getInputStream(), sink);
            finished = true;
        } catch (IOException e) {
            throw new AudioDecodingException("reading ffmpeg's output for " + recording.getFileName() + " failed: "
                    + e.getMessage(), e);
        } finally {
            if (!finished) {
                process.destroy();
            }
        }
        int exit = process.getProcessExitCode();
        stderr.await();
        process.close();
        if (exit != 0) {
            throw new AudioDecodingException("ffmpeg could not decode " + recording.getFileName() + " (exit " + exit
                    + "): " + stderr.text());
        }
        if (samples == 0) {
            throw new AudioDecodingException(recording.getFileName() + " holds no audio ffmpeg could decode"
                    + (stderr.text().isEmpty() ? "" : ": " + stderr.text()));
        }
        return samples;
    }

    private static long pump(InputStream pcm, SampleSink sink) throws IOException {
        byte[] bytes = new byte[READ_BYTES + 1];
        float[] samples = new float[READ_BYTES / 2];
        long total = 0;
        int carried = 0;
        while (true) {
            int read = pcm.read(bytes, carried, READ_BYTES - carried);
            if (read < 0) {
                return total;
            }
            int available = carried + read;
            int count = available / 2;
            for (int i = 0; i < count; i++) {
                int lo = bytes[2 * i] & 0xff;
                int hi = bytes[2 * i + 1];
                samples[i] = (short) ((hi << 8) | lo) / 32768f;
            }
            // A read can end in the middle of a sample; keep its first byte for the next round.
            carried = available - 2 * count;
            if (carried == 1) {
                bytes[0] = bytes[available - 1];
            }
            if (count > 0) {
                sink.accept(samples, count);
                total += count;
            }
        }
    }

    private static void checkNotEmpty(Path recording) throws AudioDecodingException {
        try {
            if (Files.size(recording) == 0) {
                throw new AudioDecodingException(recording.getFileName() + " is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw new AudioDecodingException("cannot read " + recording.getFileName() + ": " + e.getMessage(), e);
        }
    }


    /** Keeps the last lines ffmpeg wrote to stderr, read on a thread of its own so that ffmpeg never blocks on it. */
    private static final class StderrTail extends Thread {

        private final InputStream stream;
        private final Deque<String> lines = new ArrayDeque<>();

        StderrTail(InputStream stream) {
            super("ffmpeg-stderr");
            setDaemon(true);
            this.stream = stream;
        }

        @Override
        public void run() {
            try {
                String all = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                synchronized (lines) {
                    for (String line : all.split("\\R")) {
                        if (!line.isBlank()) {
                            lines.addLast(line.strip());
                            if (lines.size() > STDERR_LINES_KEPT) {
                                lines.removeFirst();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void await() {
            try {
                join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String text() {
            synchronized (lines) {
                return String.join(" / ", lines);
            }
        }
    }
}
