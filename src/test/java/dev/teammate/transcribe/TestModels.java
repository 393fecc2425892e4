package dev.teammate.transcribe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Random-weight whisper models of real structure, written once per build into {@code target/test-models} and shared
 * by the tests and benchmarks (a tiny.en-sized file is 75 MB; writing it takes about a second).
 */
public final class TestModels {

    public static final Path FOLDER = Path.of("target/test-models").toAbsolutePath();

    private static final long SEED = 20261204L;

    private TestModels() {
    }

    /** A model with the dimensions of whisper's tiny.en and random weights. */
    public static Path tinyEn() throws IOException {
        return model(RandomWhisperModel.Dimensions.TINY_EN);
    }

    /** A model with the dimensions of whisper's base.en and random weights. */
    public static Path baseEn() throws IOException {
        return model(RandomWhisperModel.Dimensions.BASE_EN);
    }

    private static synchronized Path model(RandomWhisperModel.Dimensions dims) throws IOException {
        Path file = FOLDER.resolve("ggml-random-" + dims.name() + ".bin");
        if (Files.isRegularFile(file)) {
            return file;
        }
        Files.createDirectories(FOLDER);
        Path partial = Files.createTempFile(FOLDER, "model-", ".part");
        RandomWhisperModel.write(partial, dims, SEED);
        return Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Copies a model into a hub's models folder under the name the hub looks for. */
    public static Path install(Path model, Path modelsDir, String fileName) throws IOException {
        Files.createDirectories(modelsDir);
        Path partial = modelsDir.resolve("." + fileName + ".part");
        Files.copy(model, partial, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(partial, modelsDir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
