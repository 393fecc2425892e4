package dev.teammate.transcribe;

import dev.teammate.transcribe.WhisperRecognizer.WhisperOptions;
import dev.teammate.whisper.WhisperModelCatalog;
import dev.teammate.whisper.WhisperModelException;
import dev.teammate.whisper.WhisperModelFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * The configured whisper model, loaded when its file is there and valid. The file is looked at again on every
 * {@link #current()} call, so a model that is downloaded, copied in or replaced while the hub runs is taken up
 * without a restart, and recordings waiting for it go on.
 */
public class WhisperModelSlot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WhisperModelSlot.class);

    private final String configured;
    private final Path file;
    private final WhisperOptions options;
    private final Path binDir;
    private WhisperRecognizer loaded;
    private FileTime loadedModified;
    private long loadedSize = -1;
    private String lastProblem;

    /**
     * @param configured the {@code teammate.whisper.model} setting: a model name such as {@code base.en} (the file
     *                   {@code ggml-base.en.bin} in the models folder) or a file name or path
     */
    public WhisperModelSlot(Path modelsDir, String configured, WhisperOptions options, Path binDir) {
        this.configured = configured.strip();
        this.file = modelsDir.resolve(fileName(this.configured));
        this.options = options;
        this.binDir = binDir;
    }

    static String fileName(String configured) {
        if (configured.endsWith(".bin") || configured.contains("/")) {
            return configured;
        }
        return "ggml-" + configured + ".bin";
    }

    public Path file() {
        return file;
    }

    /** The recognizer when the model is usable now; else the reason, which says what to do. */
    public synchronized Availability current() {
        if (!Files.isRegularFile(file)) {
            unload();
            return problem(missingReason());
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (loaded != null && size == loadedSize && modified.equals(loadedModified)) {
                return new Availability(loaded, null);
            }
            unload();
            WhisperModelFile checked = WhisperModelFile.check(file);
            long started = System.nanoTime();
            loaded = WhisperRecognizer.load(file, options, binDir);
            loadedModified = modified;
            loadedSize = size;
            lastProblem = null;
            LOG.info("Loaded the whisper model {} ({}) in {} ms: language {}, {} threads", file.getFileName(),
                    checked.describe(), (System.nanoTime() - started) / 1_000_000, options.language(),
                    options.threads());
            return new Availability(loaded, null);
        } catch (WhisperModelException e) {
            return problem("the whisper model cannot be used: " + e.getMessage() + ". Replace it with a whisper.cpp"
                    + " ggml model (" + downloadHint() + ")");
        } catch (IOException e) {
            return problem("the whisper model " + file.getFileName() + " could not be loaded: " + e.getMessage());
        }
    }

    private String missingReason() {
        return "waiting for the whisper model: no file " + file.getFileName() + " in the models folder "
                + file.getParent() + "; " + downloadHint() + ". Recordings are transcribed as soon as it is there";
    }

    private String downloadHint() {
        return WhisperModelCatalog.byName(configured)
                .map(entry -> "get it with: mvn -B compile exec:java -Dexec.args=\"download-model " + entry.name()
                        + "\" (it is " + entry.url() + ", checked against its published checksum)")
                .orElse("whisper.cpp's ggml models are at https://huggingface.co/ggerganov/whisper.cpp");
    }

    private Availability problem(String reason) {
        if (!Objects.equals(reason, lastProblem)) {
            LOG.warn("Transcription cannot run: {}", reason);
            lastProblem = reason;
        }
        return new Availability(null, reason);
    }

    private void unload() {
        if (loaded != null) {
            loaded.close();
            loaded = null;
            loadedSize = -1;
            loadedModified = null;
        }
    }

    @Override
    public synchronized void close() {
        unload();
    }

    /** Either a recognizer or the reason there is none. */
    public record Availability(SpeechRecognizer recognizer, String problem) {

        public boolean ready() {
            return recognizer != null;
        }
    }
}
