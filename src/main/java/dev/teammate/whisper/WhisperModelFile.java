package dev.teammate.whisper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a whisper.cpp ggml model file's header, vocabulary and tensor table, without loading any weights, and checks
 * everything whisper.cpp would otherwise trust: the magic, sane hyper-parameters, every tensor whisper.cpp expects
 * with its exact shape and a size that fits in the file, and the vocabulary entries it looks up by text.
 *
 * <p>Why before the native load: whisper.cpp reads the file without bounds checks and asserts on some
 * inconsistencies, which aborts the whole process (the hub with it) instead of returning an error. A text file renamed
 * {@code .bin}, a download cut short or a model of another format must get a reason, not a crash.
 */
public final class WhisperModelFile {

    /** "ggml" as whisper.cpp reads it: a little-endian uint32. */
    static final int MAGIC = 0x67676d6c;

    private static final int QUANTIZATION_VERSION_FACTOR = 1000;
    private static final int MAX_NAME = 256;

    private final Path file;
    private final Hyper hyper;
    private final long fileSize;
    private final int tensors;

    private WhisperModelFile(Path file, Hyper hyper, long fileSize, int tensors) {
        this.file = file;
        this.hyper = hyper;
        this.fileSize = fileSize;
        this.tensors = tensors;
    }

    /** whisper.cpp's hyper-parameters, in file order. */
    public record Hyper(int vocab, int audioCtx, int audioState, int audioHeads, int audioLayers, int textCtx,
                        int textState, int textHeads, int textLayers, int mels, int ftype) {
    }

    public Hyper hyper() {
        return hyper;
    }

    /** A line for the log: the size class, the layers and the weight type. */
    public String describe() {
        return String.format(Locale.ROOT, "%s-sized, %d encoder and %d decoder layers of %d, %s weights, %d tensors,"
                        + " %.0f MB", sizeClass(), hyper.audioLayers(), hyper.textLayers(), hyper.audioState(),
                weightType(), tensors, fileSize / 1e6);
    }

    private String sizeClass() {
        return switch (hyper.audioLayers()) {
            case 4 -> "tiny";
            case 6 -> "base";
            case 12 -> "small";
            case 24 -> "medium";
            case 32 -> hyper.textLayers() == 4 ? "large-turbo" : "large";
            default -> hyper.audioLayers() + "-layer";
        };
    }

    private String weightType() {
        return switch (hyper.ftype() % QUANTIZATION_VERSION_FACTOR) {
            case 0 -> "F32";
            case 1 -> "F16";
            case 2 -> "Q4_0";
            case 3 -> "Q4_1";
            case 7 -> "Q8_0";
            case 8 -> "Q5_0";
            case 9 -> "Q5_1";
            default -> "type " + hyper.ftype();
        };
    }

    /** Checks the file and returns what it holds, or throws with a reason a person can act on. */
    public static WhisperModelFile check(Path file) throws WhisperModelException, IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Reader in = new Reader(channel, file.getFileName().toString());
            long size = channel.size();
            if (size < 4 || in.int32() != MAGIC) {
                throw new WhisperModelException(file.getFileName() + " is not a whisper.cpp ggml model (its first"
                        + " bytes are not the ggml magic number)");
            }
            Hyper hyper = new Hyper(in.int32(), in.int32(), in.int32(), in.int32(), in.int32(), in.int32(),
                    in.int32(), in.int32(), in.int32(), in.int32(), in.int32());
            checkHyper(file, hyper);

            int filterMels = in.int32();
            int filterFft = in.int32();
            if (filterMels <= 0 || filterMels > 512 || filterFft <= 0 || filterFft > 4096) {
                throw new WhisperModelException(file.getFileName() + " has a malformed mel filter table ("
                        + filterMels + " x " + filterFft + ")");
            }
            in.skip((long) filterMels * filterFft * Float.BYTES, "the mel filters");

            checkVocabulary(in, hyper);
            int tensors = checkTensors(in, hyper, size);
            return new WhisperModelFile(file, hyper, size, tensors);
        }
    }

    private static void checkHyper(Path file, Hyper h) throws WhisperModelException {
        int[] positive = {h.vocab(), h.audioCtx(), h.audioState(), h.audioHeads(), h.audioLayers(), h.textCtx(),
            h.textState(), h.textHeads(), h.textLayers(), h.mels()};
        for (int value : positive) {
            if (value <= 0 || value > 1_000_000) {
                throw new WhisperModelException(file.getFileName() + " has impossible hyper-parameters " + h
                        + ": the file is damaged or not a whisper model");
            }
        }
        if (h.audioState() != h.textState() || h.audioState() % h.audioHeads() != 0
                || h.textState() % h.textHeads() != 0 || h.ftype() < 0) {
            throw new WhisperModelException(file.getFileName() + " has inconsistent hyper-parameters " + h);
        }
        if (h.vocab() < 50_000) {
            throw new WhisperModelException(file.getFileName() + " has a vocabulary of " + h.vocab()
                    + " tokens; whisper's has about 51 865");
        }
    }

    /** whisper.cpp looks the single space up by text while decoding and aborts when it is missing. */
    private static void checkVocabulary(Reader in, Hyper hyper) throws WhisperModelException, IOException {
        int count = in.int32();
        if (count < 0 || count > hyper.vocab()) {
            throw new WhisperModelException(in.name + " declares " + count + " vocabulary entries for a vocabulary of "
                    + hyper.vocab());
        }
        boolean space = false;
        for (int i = 0; i < count; i++) {
            int length = in.int32();
            if (length < 0 || length > 1024) {
                throw new WhisperModelException(in.name + " has a malformed vocabulary (entry " + i + " is "
                        + Integer.toUnsignedString(length) + " bytes long)");
            }
            if (length == 1) {
                space |= in.int8() == ' ';
            } else {
                in.skip(length, "the vocabulary");
            }
        }
        if (!space) {
            throw new WhisperModelException(in.name + " has no \" \" token in its vocabulary, which whisper.cpp needs");
        }
    }

    private static int checkTensors(Reader in, Hyper hyper, long fileSize) throws WhisperModelException, IOException {
        Map<String, long[]> expected = expectedShapes(hyper);
        int seen = 0;
        while (in.position() < fileSize) {
            int dims = in.int32();
            int nameLength = in.int32();
            int type = in.int32();
            if (dims < 1 || dims > 4 || nameLength < 1 || nameLength > MAX_NAME) {
                throw new WhisperModelException(in.name + " has a malformed tensor table after " + seen + " tensors");
            }
            long[] shape = {1, 1, 1, 1};
            long elements = 1;
            for (int d = 0; d < dims; d++) {
                shape[d] = in.int32();
                if (shape[d] <= 0) {
                    throw new WhisperModelException(in.name + " has a tensor with a dimension of " + shape[d]);
                }
                elements *= shape[d];
            }
            String name = in.text(nameLength);
            long[] wanted = expected.remove(name);
            if (wanted == null) {
                throw new WhisperModelException(in.name + " holds a tensor whisper.cpp does not know, or twice: "
                        + name);
            }
            for (int d = 0; d < 3; d++) {
                if (shape[d] != wanted[d]) {
                    throw new WhisperModelException(String.format(Locale.ROOT, "%s: tensor %s has the shape [%d, %d,"
                            + " %d], whisper.cpp expects [%d, %d, %d] for these hyper-parameters", in.name, name,
                            shape[0], shape[1], shape[2], wanted[0], wanted[1], wanted[2]));
                }
            }
            in.skip(GgmlType.bytes(type, elements, in.name, name), "tensor " + name);
            seen++;
        }
        if (!expected.isEmpty()) {
            throw new WhisperModelException(in.name + " ends after " + seen + " tensors; " + expected.size()
                    + " are missing (" + expected.keySet().iterator().next() + " among them): the file is truncated"
                    + " or incomplete");
        }
        return seen;
    }

    /** Every tensor whisper.cpp 1.7 creates for these hyper-parameters, with its first three dimensions. */
    static Map<String, long[]> expectedShapes(Hyper h) {
        Map<String, long[]> shapes = new HashMap<>();
        int state = h.audioState();
        shapes.put("encoder.positional_embedding", shape(state, h.audioCtx()));
        shapes.put("encoder.conv1.weight", shape(3, h.mels(), state));
        shapes.put("encoder.conv1.bias", shape(1, state));
        shapes.put("encoder.conv2.weight", shape(3, state, state));
        shapes.put("encoder.conv2.bias", shape(1, state));
        shapes.put("encoder.ln_post.weight", shape(state));
        shapes.put("encoder.ln_post.bias", shape(state));
        for (int i = 0; i < h.audioLayers(); i++) {
            block(shapes, "encoder.blocks." + i + ".", state, false);
        }
        int text = h.textState();
        shapes.put("decoder.positional_embedding", shape(text, h.textCtx()));
        shapes.put("decoder.token_embedding.weight", shape(text, h.vocab()));
        shapes.put("decoder.ln.weight", shape(text));
        shapes.put("decoder.ln.bias", shape(text));
        for (int i = 0; i < h.textLayers(); i++) {
            block(shapes, "decoder.blocks." + i + ".", text, true);
        }
        return shapes;
    }

    private static void block(Map<String, long[]> shapes, String prefix, int n, boolean cross) {
        shapes.put(prefix + "mlp_ln.weight", shape(n));
        shapes.put(prefix + "mlp_ln.bias", shape(n));
        shapes.put(prefix + "mlp.0.weight", shape(n, 4L * n));
        shapes.put(prefix + "mlp.0.bias", shape(4L * n));
        shapes.put(prefix + "mlp.2.weight", shape(4L * n, n));
        shapes.put(prefix + "mlp.2.bias", shape(n));
        attention(shapes, prefix + "attn", n);
        if (cross) {
            attention(shapes, prefix + "cross_attn", n);
        }
    }

    private static void attention(Map<String, long[]> shapes, String prefix, int n) {
        shapes.put(prefix + "_ln.weight", shape(n));
        shapes.put(prefix + "_ln.bias", shape(n));
        shapes.put(prefix + ".query.weight", shape(n, n));
        shapes.put(prefix + ".query.bias", shape(n));
        shapes.put(prefix + ".key.weight", shape(n, n));
        shapes.put(prefix + ".value.weight", shape(n, n));
        shapes.put(prefix + ".value.bias", shape(n));
        shapes.put(prefix + ".out.weight", shape(n, n));
        shapes.put(prefix + ".out.bias", shape(n));
    }

    private static long[] shape(long... dims) {
        long[] shape = {1, 1, 1};
        System.arraycopy(dims, 0, shape, 0, dims.length);
        return shape;
    }

    @Override
    public String toString() {
        return file.getFileName() + " (" + describe() + ")";
    }

    /** Sequential little-endian reads that fail with a reason when the file ends early. */
    private static final class Reader {

        private final FileChannel channel;
        private final String name;
        private final ByteBuffer buffer = ByteBuffer.allocate(MAX_NAME).order(ByteOrder.LITTLE_ENDIAN);
        private long position;

        Reader(FileChannel channel, String name) {
            this.channel = channel;
            this.name = name;
        }

        long position() {
            return position;
        }

        int int32() throws IOException, WhisperModelException {
            return fill(4).getInt();
        }

        byte int8() throws IOException, WhisperModelException {
            return fill(1).get();
        }

        String text(int length) throws IOException, WhisperModelException {
            ByteBuffer bytes = fill(length);
            return new String(bytes.array(), 0, length, StandardCharsets.UTF_8);
        }

        void skip(long bytes, String what) throws IOException, WhisperModelException {
            if (position + bytes > channel.size()) {
                throw truncated(what);
            }
            position += bytes;
        }

        private ByteBuffer fill(int length) throws IOException, WhisperModelException {
            buffer.clear().limit(length);
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position + buffer.position());
                if (read < 0) {
                    throw truncated("the header");
                }
            }
            position += length;
            return buffer.flip();
        }

        private WhisperModelException truncated(String what) {
            return new WhisperModelException(name + " is truncated: it ends inside " + what + " (" + position
                    + " bytes read). Download it again");
        }
    }
}
