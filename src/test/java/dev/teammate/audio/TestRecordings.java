package dev.teammate.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real speech in {@code src/test/resources/audio} (see its SOURCES.md), and other formats made from it at test
 * time with the ffmpeg the hub bundles, so the tests need no system package.
 */
public final class TestRecordings {

    public static final Path FOLDER = Path.of("src/test/resources/audio");
    /** Where the tests keep the unpacked ffmpeg (and whisper's natives), shared by every test and benchmark. */
    public static final Path BIN_DIR = Path.of("target/test-bin").toAbsolutePath();

    private static FfmpegBinary ffmpeg;

    private TestRecordings() {
    }

    public static synchronized FfmpegBinary ffmpeg() {
        if (ffmpeg == null) {
            ffmpeg = new FfmpegBinary(BIN_DIR.resolve("ffmpeg"));
        }
        return ffmpeg;
    }

    public static Path jfk() {
        return FOLDER.resolve("jfk.wav");
    }

    public static Path standup() {
        return FOLDER.resolve("standup-espeak.flac");
    }

    /** The LibriVox clips, in the order of their reference transcripts. */
    public static List<Path> librivox() throws IOException {
        List<Path> clips = new ArrayList<>();
        for (String line : Files.readAllLines(FOLDER.resolve("librivox-references.tsv"))) {
            clips.add(FOLDER.resolve(line.split("\t")[0] + ".wav"));
        }
        return clips;
    }

    /** Re-encodes {@code source} into {@code target}; the format follows from the target's extension. */
    public static Path convert(Path source, Path target, String... encoding) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("-i", source.toAbsolutePath().toString()));
        arguments.addAll(List.of(encoding));
        return run(target, arguments);
    }

    /** A few seconds of test-pattern video with no audio track at all. */
    public static Path videoWithoutSound(Path target) throws IOException {
        return run(target, List.of("-f", "lavfi", "-i", "testsrc=duration=3:size=160x120:rate=10", "-c:v", "mpeg4"));
    }

    /** Test-pattern video with {@code speech} as its sound, as a meeting recorder's mp4 would be. */
    public static Path videoWithSound(Path speech, Path target) throws IOException {
        return run(target, List.of("-f", "lavfi", "-i", "testsrc=size=160x120:rate=5", "-i",
                speech.toAbsolutePath().toString(), "-shortest", "-c:v", "mpeg4", "-c:a", "aac"));
    }

    /** {@code speech} repeated until the recording lasts {@code seconds}. */
    public static Path looped(Path speech, int seconds, Path target, String... encoding) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("-stream_loop", "-1", "-i",
                speech.toAbsolutePath().toString(), "-t", String.valueOf(seconds)));
        arguments.addAll(List.of(encoding));
        return run(target, arguments);
    }

    /** The clips one after the other, as one recording. */
    public static Path joined(List<Path> clips, Path target, String... encoding) throws IOException {
        List<String> arguments = new ArrayList<>();
        for (Path clip : clips) {
            arguments.addAll(List.of("-i", clip.toAbsolutePath().toString()));
        }
        arguments.addAll(List.of("-filter_complex", "concat=n=" + clips.size() + ":v=0:a=1"));
        arguments.addAll(List.of(encoding));
        return run(target, arguments);
    }

    private static Path run(Path target, List<String> arguments) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(List.of(ffmpeg().getExecutablePath(), "-hide_banner", "-nostdin",
                "-loglevel", "error", "-y"));
        command.addAll(arguments);
        command.add(target.toAbsolutePath().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("ffmpeg failed making " + target.getFileName() + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted making " + target.getFileName(), e);
        }
        return target;
    }
}
