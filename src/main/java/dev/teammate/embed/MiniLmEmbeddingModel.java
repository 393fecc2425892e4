package dev.teammate.embed;

import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.util.concurrent.Executor;

/**
 * all-MiniLM-L6-v2 in process through ONNX Runtime, embedding the whole text it is given (up to 510 word pieces in
 * one pass; longer texts are split and averaged by LangChain4j). Produces unit-length 384-dimension vectors.
 *
 * <p>Unlike LangChain4j's {@code AllMiniLmL6V2EmbeddingModel}, which loads the same weights, it does not cut texts
 * at 128 word pieces.
 */
public class MiniLmEmbeddingModel extends AbstractInProcessEmbeddingModel {

    public static final int DIMENSIONS = 384;

    private final OnnxBertBiEncoder encoder;

    public MiniLmEmbeddingModel() {
        this(null);
    }

    /** @param executor runs {@code embedAll} in parallel; {@code null} for LangChain4j's default pool */
    public MiniLmEmbeddingModel(Executor executor) {
        super(executor);
        this.encoder = new OnnxBertBiEncoder(MiniLmFiles.model(), MiniLmFiles.untruncatedTokenizer(), PoolingMode.MEAN);
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return DIMENSIONS;
    }
}
