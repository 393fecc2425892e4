package dev.teammate.whisper;

import dev.teammate.transcribe.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhisperModelFileTest {

    @TempDir
    Path dir;

    @Test
    void acceptsAModelOfWhispersStructure() throws Exception {
        WhisperModelFile model = WhisperModelFile.check(TestModels.tinyEn());

        assertThat(model.hyper().audioLayers()).isEqualTo(4);
        assertThat(model.hyper().vocab()).isEqualTo(51864);
        assertThat(model.describe()).startsWith("tiny-sized, 4 encoder and 4 decoder layers of 384, F16 weights,"
                + " 167 tensors");
    }

    @Test
    void aTextFileRenamedBinIsNotAModel() throws Exception {
        Path file = Files.writeString(dir.resolve("ggml-base.en.bin"), "<html>404 Not Found</html>\n");

        assertThatThrownBy(() -> WhisperModelFile.check(file)).isInstanceOf(WhisperModelException.class)
                .hasMessage("ggml-base.en.bin is not a whisper.cpp ggml model (its first bytes are not the ggml"
                        + " magic number)");
    }

    @Test
    void anEmptyFileIsNotAModel() throws Exception {
        Path file = Files.createFile(dir.resolve("ggml-tiny.bin"));

        assertThatThrownBy(() -> WhisperModelFile.check(file)).isInstanceOf(WhisperModelException.class)
                .hasMessageContaining("is not a whisper.cpp ggml model");
    }

    @Test
    void aDownloadCutShortIsTruncated() throws Exception {
        for (double kept : new double[] {0.0001, 0.01, 0.5, 0.999}) {
            Path file = truncatedCopy(kept);

            assertThatThrownBy(() -> WhisperModelFile.check(file)).as("cut at %s", kept)
                    .isInstanceOf(WhisperModelException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void hyperParametersThatDoNotFitTheTensorsAreCaught() throws Exception {
        // n_audio_ctx (the third header word) one less than the positional embedding holds.
        Path file = withHeaderWord(2, 1499);

        assertThatThrownBy(() -> WhisperModelFile.check(file)).isInstanceOf(WhisperModelException.class)
                .hasMessageContaining("tensor encoder.positional_embedding has the shape [384, 1500, 1],"
                        + " whisper.cpp expects [384, 1499, 1]");
    }

    @Test
    void missingLayersAreCaught() throws Exception {
        // Six encoder layers declared, four present.
        Path file = withHeaderWord(5, 6);

        assertThatThrownBy(() -> WhisperModelFile.check(file)).isInstanceOf(WhisperModelException.class)
                .hasMessageContaining("are missing");
    }

    @Test
    void impossibleHyperParametersAreCaught() throws Exception {
        Path file = withHeaderWord(4, 7);

        assertThatThrownBy(() -> WhisperModelFile.check(file)).isInstanceOf(WhisperModelException.class)
                .hasMessageContaining("inconsistent hyper-parameters");
    }

    private Path truncatedCopy(double kept) throws IOException {
        byte[] whole = Files.readAllBytes(TestModels.tinyEn());
        return Files.write(dir.resolve("cut-" + kept + ".bin"), Arrays.copyOf(whole, (int) (whole.length * kept)));
    }

    /** A copy of the tiny model with one 32-bit word of its header (0 = magic, 1 = n_vocab, ...) changed. */
    private Path withHeaderWord(int index, int value) throws IOException {
        Path copy = Files.copy(TestModels.tinyEn(), dir.resolve("edited-" + index + ".bin"));
        try (RandomAccessFile file = new RandomAccessFile(copy.toFile(), "rw")) {
            file.seek(4L * index);
            file.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        }
        return copy;
    }
}
