package dev.teammate.whisper;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * whisper.cpp's official ggml conversions of OpenAI's whisper models, with the SHA-1 checksums whisper.cpp publishes
 * for them (its {@code models/README.md}). Only models with a published checksum are listed, so that every download
 * can be verified; other ggml files (quantized ones, fine-tunes) can be copied into the models folder by hand and
 * are checked for structure before they are loaded.
 */
public final class WhisperModelCatalog {

    /** Where whisper.cpp's maintainers publish the converted models. */
    public static final String BASE_URL = "https://huggingface.co/ggerganov/whisper.cpp/resolve/main/";

    private static final List<Entry> ENTRIES = List.of(
            new Entry("tiny", 75, "bd577a113a864445d4c299885e0cb97d4ba92b5f"),
            new Entry("tiny.en", 75, "c78c86eb1a8faa21b369bcd33207cc90d64ae9df"),
            new Entry("base", 142, "465707469ff3a37a2b9b8d8f89f2f99de7299dac"),
            new Entry("base.en", 142, "137c40403d78fd54d454da0f9bd998f78703390c"),
            new Entry("small", 466, "55356645c2b361a969dfd0ef2c5a50d530afd8d5"),
            new Entry("small.en", 466, "db8a495a91d927739e50b3fc1cc4c6b8f6c2d022"),
            new Entry("small.en-tdrz", 465, "b6c6e7e89af1a35c08e6de56b66ca6a02a2fdfa1"),
            new Entry("medium", 1533, "fd9727b6e1217c2f614f9b698455c4ffd82463b4"),
            new Entry("medium.en", 1533, "8c30f0e44ce9560643ebd10bbe50cd20eafd3723"),
            new Entry("large-v1", 2951, "b1caaf735c4cc1429223d5a74f0f4d0b9b59a299"),
            new Entry("large-v2", 2951, "0f4c8e34f21cf1a914c59d8b3ce882345ad349d6"),
            new Entry("large-v2-q5_0", 1080, "00e39f2196344e901b3a2bd5814807a769bd1630"),
            new Entry("large-v3", 2951, "ad82bf6a9043ceed055076d0fd39f5f186ff8062"),
            new Entry("large-v3-q5_0", 1080, "e6e2ed78495d403bef4b7cff42ef4aaadcfea8de"),
            new Entry("large-v3-turbo", 1536, "4af2b29d7ec73d781377bfd1758ca957a807e941"),
            new Entry("large-v3-turbo-q5_0", 547, "e050f7970618a659205450ad97eb95a18d69c9ee"));

    private WhisperModelCatalog() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The entry for a model name such as {@code base.en}, or for its file name {@code ggml-base.en.bin}. */
    public static Optional<Entry> byName(String nameOrFile) {
        String name = nameOrFile.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("ggml-") && name.endsWith(".bin")) {
            name = name.substring("ggml-".length(), name.length() - ".bin".length());
        }
        String wanted = name;
        return ENTRIES.stream().filter(e -> e.name().equals(wanted)).findFirst();
    }

    /**
     * @param name   the model's name, as whisper.cpp's download script spells it
     * @param sizeMiB its size, to say what a download costs
     * @param sha1   the published SHA-1 of the file
     */
    public record Entry(String name, int sizeMiB, String sha1) {

        public String fileName() {
            return "ggml-" + name + ".bin";
        }

        public String url() {
            return BASE_URL + fileName();
        }
    }
}
