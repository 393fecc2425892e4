package dev.teammate.whisper;

/** Storage sizes of ggml's tensor types, as numbered in ggml's {@code ggml_type}, for the ones whisper models use. */
final class GgmlType {

    private GgmlType() {
    }

    /** Bytes that {@code elements} values of {@code type} take in the file. */
    static long bytes(int type, long elements, String file, String tensor) throws WhisperModelException {
        // {values per block, bytes per block}
        int[] block = switch (type) {
            case 0 -> new int[] {1, 4};       // F32
            case 1 -> new int[] {1, 2};       // F16
            case 2 -> new int[] {32, 18};     // Q4_0
            case 3 -> new int[] {32, 20};     // Q4_1
            case 6 -> new int[] {32, 22};     // Q5_0
            case 7 -> new int[] {32, 24};     // Q5_1
            case 8 -> new int[] {32, 34};     // Q8_0
            case 10 -> new int[] {256, 84};   // Q2_K
            case 11 -> new int[] {256, 110};  // Q3_K
            case 12 -> new int[] {256, 144};  // Q4_K
            case 13 -> new int[] {256, 176};  // Q5_K
            case 14 -> new int[] {256, 210};  // Q6_K
            default -> throw new WhisperModelException(file + ": tensor " + tensor + " has the unknown type " + type);
        };
        if (elements % block[0] != 0) {
            throw new WhisperModelException(file + ": tensor " + tensor + " has " + elements
                    + " values, not a whole number of blocks of its type");
        }
        return elements / block[0] * block[1];
    }
}
