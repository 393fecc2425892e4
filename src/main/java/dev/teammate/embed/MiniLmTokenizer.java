package dev.teammate.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Counts text in the word pieces all-MiniLM-L6-v2 sees, so chunks can be cut to what is embedded. */
public class MiniLmTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    public MiniLmTokenizer() {
        try (InputStream json = MiniLmFiles.untruncatedTokenizer()) {
            this.tokenizer = HuggingFaceTokenizer.newInstance(json,
                    Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the MiniLM tokenizer", e);
        }
    }

    /** Word pieces in {@code text}, not counting the [CLS] and [SEP] tokens the model adds. */
    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return tokenizer.encode(text, false, false).getIds().length;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
