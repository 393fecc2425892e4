package dev.teammate.bench;

import dev.teammate.audio.AudioDecoder;
import dev.teammate.audio.AudioDecodingException;
import dev.teammate.audio.TestRecordings;
import dev.teammate.transcribe.RecordingTranscriber;
import dev.teammate.transcribe.TestModels;
import dev.teammate.transcribe.Transcript;
import dev.teammate.transcribe.WhisperRecognizer;
import dev.teammate.transcribe.WhisperRecognizer.WhisperOptions;
import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Transcription speed, on random-weight models with the real dimensions of whisper's tiny.en and base.en (see
 * {@code RandomWhisperModel}): the arithmetic per second of audio is the real model's, the words are junk.
 *
 * <ol>
 *   <li>Real-time factor of the hub's whole path, ffmpeg decoding plus whisper in two-minute windows, on a
 *       10-minute m4a recording of real speech (LibriVox clips, looped), for each model.</li>
 *   <li>With {@code --whisper-cli PATH} (the {@code main} program of whisper.cpp v1.7.1, built apart from this
 *       project; the README says how): whisper-jni against that command-line tool on the same model file, the
 *       same 16 kHz WAV and the same threads, runs alternating, as a time ratio. Both decode greedily, without
 *       temperature fallback, with whisper.cpp's default thresholds, so both do the same work; the benchmark
 *       checks that both heard the same text.</li>
 * </ol>
 * Options: {@code --minutes N} (recording length for the first part, default 10), {@code --runs N} (runs of each
 * side in the second part, default 3), {@code --threads N} (default: one per core), {@code --model FILE} (a real
 * ggml model to measure instead of the two random ones).
 *
 * <p>Random weights decode junk: more tokens and segments per minute than real speech gives, and timestamps that
 * move whisper's 30-second window on by less than a real model does, so they cost more than a real model of the
 * same size would. The encoder's cost per window does not depend on the weights; the comparison with the CLI prints
 * it, and the real-time factor that the encoder alone would allow.
 */
public final class TranscriptionBenchmark {

    private static final Pattern CLI_SEGMENT = Pattern.compile("^\\[[0-9:.]+ --> [0-9:.]+\\]\\s*(.*)$");
    private static final Pattern CLI_TIMING = Pattern.compile("whisper_print_timings:\\s+(load|encode|total) time ="
            + "\\s+([0-9.]+) ms(?: /\\s+([0-9]+) runs)?");
    /** Seconds of audio in one pass of whisper's encoder. */
    private static final double ENCODER_WINDOW_SECONDS = 30;

    private TranscriptionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = intOption(args, "--minutes", 10);
        int runs = intOption(args, "--runs", 3);
        int threads = intOption(args, "--threads", Runtime.getRuntime().availableProcessors());
        String cli = option(args, "--whisper-cli");
        System.out.println("Transcription benchmark on " + Machine.describe() + ", " + threads + " whisper threads");

        Path work = Files.createDirectories(Path.of("target/bench-transcription"));
        Path speech = TestRecordings.joined(TestRecordings.librivox(), work.resolve("librivox.wav"), "-ar", "16000",
                "-ac", "1");
        Path meeting = TestRecordings.looped(speech, minutes * 60, work.resolve("meeting-" + minutes + "min.m4a"),
                "-c:a", "aac", "-b:a", "64k");
        String real = option(args, "--model");
        List<Path> models = real != null ? List.of(Path.of(real)) : List.of(TestModels.tinyEn(), TestModels.baseEn());

        AudioDecoder decoder = new AudioDecoder(TestRecordings.ffmpeg());
        long decodeStart = System.nanoTime();
        decoder.decode(meeting, (block, n) -> { });
        double decodeSeconds = seconds(decodeStart);
        System.out.printf(Locale.ROOT, "decoding alone: %d min of m4a in %.1f s%n", minutes, decodeSeconds);
        for (Path model : models) {
            wholePath(meeting, model, decoder, threads);
        }

        if (cli == null) {
            System.out.println("whisper-jni against whisper.cpp's command-line tool: skipped; pass"
                    + " -Dbench.args=\"--whisper-cli <whisper.cpp v1.7.1 build>/bin/main\" (see the README)");
            return;
        }
        Path wav = TestRecordings.looped(speech, 120, work.resolve("speech-2min.wav"), "-ar", "16000", "-ac", "1",
                "-c:a", "pcm_s16le");
        float[] samples = samples(decoder, wav);
        for (Path model : models) {
            againstCli(Path.of(cli), model, wav, samples, threads, runs);
        }
    }

    /** The hub's own path: decode, window, recognise; the model is loaded before the clock starts, as in the hub. */
    private static void wholePath(Path meeting, Path model, AudioDecoder decoder, int threads) throws Exception {
        // Greedy only: random weights would make whisper retry every window at higher temperatures, work a real
        // model rarely does.
        WhisperOptions options = new WhisperOptions("en", threads, null, false);
        try (WhisperRecognizer recognizer = WhisperRecognizer.load(model, options, TestRecordings.BIN_DIR)) {
            RecordingTranscriber transcriber = new RecordingTranscriber(decoder, 120, false, () -> false);
            long started = System.nanoTime();
            Transcript transcript = transcriber.transcribe(meeting, meeting.getFileName().toString(), recognizer);
            double took = seconds(started);
            System.out.printf(Locale.ROOT, "RESULT whole path (decode + transcribe), %s, %.1f min recording: %.1f s,"
                    + " %.1fx faster than real time (RTF %.3f), %d segments%n", model.getFileName(),
                    transcript.audioSeconds() / 60, took, transcript.audioSeconds() / took,
                    took / transcript.audioSeconds(), transcript.segments().size());
        }
    }

    private static void againstCli(Path cli, Path model, Path wav, float[] samples, int threads, int runs)
            throws Exception {
        WhisperJNI whisper = new WhisperJNI();
        List<Double> jniTotal = new ArrayList<>();
        List<Double> jniFull = new ArrayList<>();
        List<Double> cliTotal = new ArrayList<>();
        List<Double> cliFull = new ArrayList<>();
        String jniText = null;
        CliRun cliRun = null;
        for (int run = 1; run <= runs; run++) {
            long started = System.nanoTime();
            try (WhisperContext context = whisper.init(model)) {
                long fullStarted = System.nanoTime();
                int status = whisper.full(context, cliEquivalentParams(threads), samples, samples.length);
                jniFull.add(seconds(fullStarted));
                if (status != 0) {
                    throw new IllegalStateException("whisper-jni failed with status " + status);
                }
                jniText = text(whisper, context);
            }
            jniTotal.add(seconds(started));

            long cliStarted = System.nanoTime();
            cliRun = runCli(cli, model, wav, threads);
            cliTotal.add(seconds(cliStarted));
            cliFull.add(cliRun.totalMs - cliRun.loadMs > 0 ? (cliRun.totalMs - cliRun.loadMs) / 1000 : Double.NaN);
            System.out.printf(Locale.ROOT, "  %s run %d: whisper-jni %.2f s (full %.2f s), whisper.cpp CLI %.2f s"
                    + " (full %.2f s)%n", model.getFileName(), run, last(jniTotal), last(jniFull), last(cliTotal),
                    last(cliFull));
        }
        boolean same = jniText.equals(cliRun.text);
        System.out.printf(Locale.ROOT, "RESULT whisper-jni / whisper.cpp CLI, %s, 2 min WAV, %d threads, median of %d:"
                + " %.3f load + transcribe (%.2f s vs %.2f s), %.3f transcribe only (%.2f s vs %.2f s);"
                + " same text: %s%n",
                model.getFileName(), threads, runs, median(jniTotal) / median(cliTotal), median(jniTotal),
                median(cliTotal), median(jniFull) / median(cliFull), median(jniFull), median(cliFull), same);
        if (!same) {
            System.out.println("  whisper-jni heard: " + jniText + "\n  CLI heard:         " + cliRun.text);
        }
        double perWindow = cliRun.encodeMs / Math.max(1, cliRun.encodeRuns);
        System.out.printf(Locale.ROOT, "  %s encoder: %.0f ms per 30 s window (%d passes for %.0f s of audio); the"
                + " encoder alone allows %.1fx real time%n", model.getFileName(), perWindow, cliRun.encodeRuns,
                samples.length / 16_000.0, ENCODER_WINDOW_SECONDS * 1000 / perWindow);
    }

    /** What {@code main -bs 1 -nf -l en -t N} asks of whisper.cpp: greedy, no fallback, library defaults. */
    private static WhisperFullParams cliEquivalentParams(int threads) {
        WhisperFullParams params = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
        params.nThreads = threads;
        params.language = "en";
        params.temperature = 0f;
        params.temperatureInc = 0f;
        params.printProgress = false;
        params.printTimestamps = false;
        params.suppressNonSpeechTokens = false;
        return params;
    }

    private record CliRun(String text, double loadMs, double totalMs, double encodeMs, int encodeRuns) {
    }

    private static CliRun runCli(Path cli, Path model, Path wav, int threads) throws IOException,
            InterruptedException {
        // The CLI's log (with its timings) goes to a file, so neither pipe can fill up and stall it.
        Path log = Files.createTempFile("whisper-cli", ".log");
        Process process = new ProcessBuilder(cli.toString(), "-m", model.toString(), "-f", wav.toString(), "-l", "en",
                "-t", String.valueOf(threads), "-bs", "1", "-nf").redirectError(log.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = process.waitFor(30, TimeUnit.MINUTES);
        String err = Files.readString(log);
        Files.delete(log);
        if (!ended || process.exitValue() != 0) {
            throw new IOException("whisper.cpp's CLI failed: " + err);
        }
        List<String> texts = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = CLI_SEGMENT.matcher(line.strip());
            if (m.matches()) {
                texts.add(m.group(1).strip());
            }
        }
        double load = 0;
        double total = 0;
        double encode = 0;
        int encodeRuns = 0;
        Matcher timing = CLI_TIMING.matcher(err);
        while (timing.find()) {
            double ms = Double.parseDouble(timing.group(2));
            switch (timing.group(1)) {
                case "load" -> load = ms;
                case "encode" -> {
                    encode = ms;
                    encodeRuns = Integer.parseInt(timing.group(3));
                }
                default -> total = ms;
            }
        }
        return new CliRun(String.join(" ", texts), load, total, encode, encodeRuns);
    }

    private static String text(WhisperJNI whisper, WhisperContext context) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < whisper.fullNSegments(context); i++) {
            texts.add(whisper.fullGetSegmentText(context, i).strip());
        }
        return String.join(" ", texts);
    }

    private static float[] samples(AudioDecoder decoder, Path wav) throws AudioDecodingException {
        float[][] buffer = {new float[16_000 * 130]};
        int[] filled = {0};
        decoder.decode(wav, (block, n) -> {
            if (filled[0] + n > buffer[0].length) {
                buffer[0] = Arrays.copyOf(buffer[0], buffer[0].length * 2);
            }
            System.arraycopy(block, 0, buffer[0], filled[0], n);
            filled[0] += n;
        });
        return Arrays.copyOf(buffer[0], filled[0]);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }

    private static int intOption(String[] args, String name, int fallback) {
        String value = option(args, name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
