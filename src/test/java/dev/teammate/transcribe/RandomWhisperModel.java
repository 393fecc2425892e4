package dev.teammate.transcribe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * A whisper.cpp model with random weights, written by the test itself. Real models are 75 MB and more and cannot be
 * checked in or downloaded in a build, yet the transcription path (loading, {@code full()}, reading segments back,
 * timing) is only exercised for real when whisper.cpp gets a model of the real shape. Random weights give that
 * shape, and the same amount of arithmetic per second of audio as the real model of that size, at no download
 * cost; the text that comes out is junk, so tests may rely on how many segments and how long, never on words.
 *
 * <p>The file is in whisper.cpp's legacy ggml layout, the one {@code whisper_model_load} in whisper.cpp 1.7.1 (the
 * version inside whisper-jni 1.7.1) reads: hyper-parameters, mel filters, vocabulary, then every tensor it expects
 * by name with exactly the shape it declares. A missing or misshapen tensor makes the loader refuse the file, and a
 * vocabulary without the token {@code " "} makes the decoder abort the whole process, so neither is left to chance.
 */
public final class RandomWhisperModel {

    private static final int MAGIC = 0x67676d6c;
    /** Matrices and conv kernels in half precision, the rest in single: what the usual ggml-*.bin files hold. */
    private static final int FTYPE_F16 = 1;
    private static final int TYPE_F32 = 0;
    private static final int TYPE_F16 = 1;

    /** GPT-2's text tokens; whisper.cpp appends the special ones (end of text, timestamps...) up to n_vocab. */
    private static final int TEXT_TOKENS = 50256;
    /** Where GPT-2 keeps the lone space; whisper.cpp looks it up by text, the id is kept only for realism. */
    private static final int SPACE_TOKEN = 220;
    private static final int FFT_BINS = 201;
    private static final int SAMPLE_RATE = 16_000;
    private static final int FFT_SIZE = 400;

    private static final String CONSONANTS = "bdfghjklmnprstvwz";
    private static final String VOWELS = "aeiou";

    private RandomWhisperModel() {
    }

    /**
     * The shape of a model. Encoder and decoder get the same width, heads and depth because every published
     * whisper model is built that way and whisper.cpp asserts the widths match.
     */
    public record Dimensions(String name, int vocab, int audioCtx, int state, int heads, int layers, int textCtx,
            int mels) {

        public static final Dimensions TINY_EN = new Dimensions("tiny.en", 51864, 1500, 384, 6, 4, 448, 80);
        public static final Dimensions BASE_EN = new Dimensions("base.en", 51864, 1500, 512, 8, 6, 448, 80);

        public Dimensions {
            if (vocab <= TEXT_TOKENS || audioCtx < 1 || state < 1 || heads < 1 || layers < 1 || textCtx < 1
                    || mels < 1) {
                throw new IllegalArgumentException("not a whisper model shape: " + name);
            }
            if (state % heads != 0) {
                throw new IllegalArgumentException("the width " + state + " does not split into " + heads + " heads");
            }
        }
    }

    /**
     * How a tensor is filled, chosen so activations keep a sane scale through the layers: whisper.cpp then runs the
     * same code paths as on a trained model instead of sliding into NaNs or infinities, which would make timings
     * and segment counts meaningless.
     */
    private enum Fill {
        /** Weight matrices: spread 1/sqrt(fan-in), so each layer roughly keeps the variance of its input. */
        MATRIX(TYPE_F16),
        /** Layer-norm gains: near 1, so normalised activations stay normalised. */
        GAIN(TYPE_F32),
        /** Layer-norm shifts: zero, as in a freshly initialised network. */
        ZERO(TYPE_F32),
        /** Linear and conv biases: tiny, just enough not to be all zero. */
        BIAS(TYPE_F32),
        /** Positional embeddings: small, so they nudge rather than drown the content. */
        POSITION(TYPE_F32);

        final int type;

        Fill(int type) {
            this.type = type;
        }
    }

    /**
     * Writes the model to file (ftype 1 = F16 matrices, F16 conv weights, F32 biases/norms/positional embeddings).
     * The same dimensions and seed always give the same bytes, so a failure seen once can be replayed.
     */
    public static void write(Path file, Dimensions dims, long seed) throws IOException {
        try (Output out = new Output(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING))) {
            SplittableRandom random = new SplittableRandom(seed);
            writeHeader(out, dims);
            writeMelFilters(out, dims.mels());
            writeVocabulary(out);
            writeEncoder(out, dims, random);
            writeDecoder(out, dims, random);
        }
    }

    private static void writeHeader(Output out, Dimensions dims) throws IOException {
        out.int32(MAGIC);
        out.int32(dims.vocab());
        out.int32(dims.audioCtx());
        out.int32(dims.state());
        out.int32(dims.heads());
        out.int32(dims.layers());
        out.int32(dims.textCtx());
        out.int32(dims.state());
        out.int32(dims.heads());
        out.int32(dims.layers());
        out.int32(dims.mels());
        out.int32(FTYPE_F16);
    }

    /**
     * Triangular filters on the Slaney mel scale with area normalisation, like the ones whisper ships: the
     * spectrogram fed to the encoder then has the usual range, whatever the weights do with it afterwards.
     */
    private static void writeMelFilters(Output out, int mels) throws IOException {
        out.int32(mels);
        out.int32(FFT_BINS);
        double top = hzToMel(SAMPLE_RATE / 2.0);
        double[] edges = new double[mels + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(top * i / (mels + 1));
        }
        for (int m = 0; m < mels; m++) {
            double low = edges[m];
            double centre = edges[m + 1];
            double high = edges[m + 2];
            double area = 2.0 / (high - low);
            for (int bin = 0; bin < FFT_BINS; bin++) {
                double hz = (double) bin * SAMPLE_RATE / FFT_SIZE;
                double rising = (hz - low) / (centre - low);
                double falling = (high - hz) / (high - centre);
                out.float32((float) (Math.max(0.0, Math.min(rising, falling)) * area));
            }
        }
    }

    /** Linear below 1 kHz, logarithmic above: the mel scale librosa uses by default. */
    private static double hzToMel(double hz) {
        return hz < 1000.0 ? hz * 3.0 / 200.0 : 15.0 + Math.log(hz / 1000.0) * 27.0 / Math.log(6.4);
    }

    private static double melToHz(double mel) {
        return mel < 15.0 ? mel * 200.0 / 3.0 : 1000.0 * Math.exp((mel - 15.0) * Math.log(6.4) / 27.0);
    }

    /**
     * GPT-2's real byte-level tokens would mean shipping its 50k-entry vocabulary. Instead: the printable ASCII
     * characters where GPT-2 has them (so whisper.cpp's punctuation suppression finds its targets), the lone space
     * at its GPT-2 id (the decoder aborts without it), and distinct pronounceable pseudo-words for everything else,
     * half of them with a leading space like GPT-2's word tokens, so junk transcripts read as words in valid UTF-8.
     */
    private static void writeVocabulary(Output out) throws IOException {
        out.int32(TEXT_TOKENS);
        for (int id = 0; id < TEXT_TOKENS; id++) {
            String token;
            if (id < 94) {
                token = String.valueOf((char) ('!' + id));
            } else if (id == SPACE_TOKEN) {
                token = " ";
            } else {
                token = pseudoWord(id);
            }
            byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
            out.int32(bytes.length);
            out.bytes(bytes);
        }
    }

    /**
     * A distinct word per id: the low bit picks a leading space, the rest is written in bijective base 85 with one
     * consonant-vowel syllable per digit. Different ids give different strings, so whisper.cpp's text-to-id map,
     * used to tokenise prompts, keeps every token. At least two letters, so no clash with the single characters.
     */
    private static String pseudoWord(int id) {
        int syllables = CONSONANTS.length() * VOWELS.length();
        StringBuilder word = new StringBuilder(8);
        int n = (id >> 1) + 1;
        while (n > 0) {
            int digit = (n - 1) % syllables;
            word.append(CONSONANTS.charAt(digit / VOWELS.length())).append(VOWELS.charAt(digit % VOWELS.length()));
            n = (n - 1) / syllables;
        }
        return (id & 1) == 1 ? " " + word : word.toString();
    }

    private static void writeEncoder(Output out, Dimensions dims, SplittableRandom random) throws IOException {
        int state = dims.state();
        tensor(out, random, "encoder.positional_embedding", Fill.POSITION, state, dims.audioCtx());
        tensor(out, random, "encoder.conv1.weight", Fill.MATRIX, 3, dims.mels(), state);
        tensor(out, random, "encoder.conv1.bias", Fill.BIAS, 1, state);
        tensor(out, random, "encoder.conv2.weight", Fill.MATRIX, 3, state, state);
        tensor(out, random, "encoder.conv2.bias", Fill.BIAS, 1, state);
        for (int i = 0; i < dims.layers(); i++) {
            String block = "encoder.blocks." + i + ".";
            attention(out, random, block + "attn", state);
            layerNorm(out, random, block + "attn_ln", state);
            mlp(out, random, block, state);
        }
        layerNorm(out, random, "encoder.ln_post", state);
    }

    private static void writeDecoder(Output out, Dimensions dims, SplittableRandom random) throws IOException {
        int state = dims.state();
        tensor(out, random, "decoder.positional_embedding", Fill.POSITION, state, dims.textCtx());
        tensor(out, random, "decoder.token_embedding.weight", Fill.MATRIX, state, dims.vocab());
        for (int i = 0; i < dims.layers(); i++) {
            String block = "decoder.blocks." + i + ".";
            attention(out, random, block + "attn", state);
            layerNorm(out, random, block + "attn_ln", state);
            attention(out, random, block + "cross_attn", state);
            layerNorm(out, random, block + "cross_attn_ln", state);
            mlp(out, random, block, state);
        }
        layerNorm(out, random, "decoder.ln", state);
    }

    /** The key projection has no bias in whisper, and the loader rejects a file that brings one. */
    private static void attention(Output out, SplittableRandom random, String prefix, int state) throws IOException {
        tensor(out, random, prefix + ".query.weight", Fill.MATRIX, state, state);
        tensor(out, random, prefix + ".query.bias", Fill.BIAS, state);
        tensor(out, random, prefix + ".key.weight", Fill.MATRIX, state, state);
        tensor(out, random, prefix + ".value.weight", Fill.MATRIX, state, state);
        tensor(out, random, prefix + ".value.bias", Fill.BIAS, state);
        tensor(out, random, prefix + ".out.weight", Fill.MATRIX, state, state);
        tensor(out, random, prefix + ".out.bias", Fill.BIAS, state);
    }

    private static void layerNorm(Output out, SplittableRandom random, String prefix, int state) throws IOException {
        tensor(out, random, prefix + ".weight", Fill.GAIN, state);
        tensor(out, random, prefix + ".bias", Fill.ZERO, state);
    }

    private static void mlp(Output out, SplittableRandom random, String block, int state) throws IOException {
        layerNorm(out, random, block + "mlp_ln", state);
        tensor(out, random, block + "mlp.0.weight", Fill.MATRIX, state, 4 * state);
        tensor(out, random, block + "mlp.0.bias", Fill.BIAS, 4 * state);
        tensor(out, random, block + "mlp.2.weight", Fill.MATRIX, 4 * state, state);
        tensor(out, random, block + "mlp.2.bias", Fill.BIAS, state);
    }

    /**
     * One tensor record. {@code ne} is in ggml order, fastest-varying dimension first, which is also the order the
     * file stores; for a weight matrix ne[0] is the input width, and for a conv kernel ne[0] * ne[1] is what one
     * output sums over. Values are uniform rather than Gaussian: same spread, far cheaper, and nothing here needs
     * the bell shape. Each tensor draws from its own split of the generator, so one tensor's values depend only on
     * the seed and its place in the file.
     */
    private static void tensor(Output out, SplittableRandom parent, String name, Fill fill, int... ne)
            throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        out.int32(ne.length);
        out.int32(nameBytes.length);
        out.int32(fill.type);
        long count = 1;
        for (int n : ne) {
            out.int32(n);
            count *= n;
        }
        out.bytes(nameBytes);

        int fanIn = ne.length == 3 ? ne[0] * ne[1] : ne[0];
        float centre;
        float spread;
        switch (fill) {
            case MATRIX -> {
                centre = 0f;
                spread = (float) (1.0 / Math.sqrt(fanIn));
            }
            case GAIN -> {
                centre = 1f;
                spread = 0.02f;
            }
            case ZERO -> {
                centre = 0f;
                spread = 0f;
            }
            case BIAS -> {
                centre = 0f;
                spread = 0.01f;
            }
            case POSITION -> {
                centre = 0f;
                spread = 0.02f;
            }
            default -> throw new IllegalStateException("unknown fill " + fill);
        }
        // A uniform value on [-a, a) has standard deviation a / sqrt(3).
        float half = spread * (float) Math.sqrt(3.0);
        SplittableRandom random = parent.split();
        boolean f16 = fill.type == TYPE_F16;
        for (long i = 0; i < count; i += 2) {
            long bits = random.nextLong();
            float first = centre + half * ((int) bits * 0x1.0p-31f);
            float second = centre + half * ((int) (bits >>> 32) * 0x1.0p-31f);
            put(out, f16, first);
            if (i + 1 < count) {
                put(out, f16, second);
            }
        }
    }

    private static void put(Output out, boolean f16, float value) throws IOException {
        if (f16) {
            out.int16(toHalf(value));
        } else {
            out.float32(value);
        }
    }

    /**
     * IEEE 754 binary16 bits for a float, rounded to nearest-even like a hardware conversion, since Java 17 has no
     * {@code Float.floatToFloat16}. Subnormals, overflow to infinity and NaN are all kept, so the weights whisper.cpp
     * reads are exactly the floats asked for, to half precision.
     */
    static short toHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7f_ffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
        }
        int halfExponent = exponent - 127 + 15;
        if (halfExponent >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (halfExponent <= 0) {
            if (halfExponent < -10) {
                return (short) sign;
            }
            // Below the normal range: bring back the implicit leading 1, then shift into the subnormal field.
            int full = mantissa | 0x80_0000;
            int shift = 14 - halfExponent;
            int result = full >>> shift;
            int rest = full & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (result & 1) != 0)) {
                result++;
            }
            return (short) (sign | result);
        }
        int result = (halfExponent << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        // A carry out of the mantissa bumps the exponent, and past the largest half reaches infinity: both correct.
        if (rest > 0x1000 || (rest == 0x1000 && (result & 1) != 0)) {
            result++;
        }
        return (short) (sign | result);
    }

    /**
     * Little-endian writes through one large buffer: the file holds tens of millions of values, and going to the
     * channel, or through a stream that boxes or synchronises, per value would make a base-sized model take minutes.
     */
    private static final class Output implements AutoCloseable {

        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

        Output(FileChannel channel) {
            this.channel = channel;
        }

        void int32(int value) throws IOException {
            room(4);
            buffer.putInt(value);
        }

        void int16(short value) throws IOException {
            room(2);
            buffer.putShort(value);
        }

        void float32(float value) throws IOException {
            room(4);
            buffer.putFloat(value);
        }

        void bytes(byte[] bytes) throws IOException {
            int offset = 0;
            while (offset < bytes.length) {
                room(1);
                int n = Math.min(buffer.remaining(), bytes.length - offset);
                buffer.put(bytes, offset, n);
                offset += n;
            }
        }

        private void room(int needed) throws IOException {
            if (buffer.remaining() < needed) {
                drain();
            }
        }

        private void drain() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            try {
                drain();
            } finally {
                channel.close();
            }
        }
    }
}
