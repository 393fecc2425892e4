package dev.teammate.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

/**
 * all-MiniLM-L6-v2 in process through ONNX Runtime, embedding the whole text it is given (up to 510 word pieces in
 * one pass; longer texts are split and averaged by LangChain4j). Produces unit-length 384-dimension vectors.
 *
 * <p>Unlike LangChain4j's {@code AllMiniLmL6V2EmbeddingModel}, which loads the same weights, it does not cut texts
 * at 128 word pieces, and it runs each call on a set number of ONNX Runtime threads (one by default). The stock
 * session spreads every call over all cores; several such calls at once then compete, and on two cores one thread
 * per call with one call per core embedded about 40% more chunks per second (see {@code docs/embedding.md}).
 */
public class MiniLmEmbeddingModel extends AbstractInProcessEmbeddingModel {

    public static final int DIMENSIONS = 384;
    public static final int DEFAULT_THREADS_PER_CALL = 1;

    private final OnnxBertBiEncoder encoder;

    /** One ONNX thread per call; {@code embedAll} uses LangChain4j's default pool (one thread per core). */
    public MiniLmEmbeddingModel() {
        this(null, DEFAULT_THREADS_PER_CALL);
    }

    /**
     * @param executor       runs {@code embedAll} in parallel; {@code null} for LangChain4j's default pool
     * @param threadsPerCall ONNX Runtime threads inside one call; 0 lets ONNX Runtime use every core
     */
    public MiniLmEmbeddingModel(Executor executor, int threadsPerCall) {
        super(executor);
        this.encoder = new OnnxBertBiEncoder(OrtEnvironment.getEnvironment(), session(threadsPerCall),
                MiniLmFiles.untruncatedTokenizer(), PoolingMode.MEAN);
    }

    private static OrtSession session(int threadsPerCall) {
        try (InputStream model = MiniLmFiles.model();
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (threadsPerCall > 0) {
                options.setIntraOpNumThreads(threadsPerCall);
                options.setInterOpNumThreads(1);
            }
            return OrtEnvironment.getEnvironment().createSession(model.readAllBytes(), options);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the all-MiniLM-L6-v2 model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load all-MiniLM-L6-v2: " + e.getMessage(), e);
        }
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
