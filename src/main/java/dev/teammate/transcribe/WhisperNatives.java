package dev.teammate.transcribe;

import dev.teammate.natives.BundledFile;
import io.github.givimad.whisperjni.WhisperJNI;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads whisper-jni's native libraries once per process, from a folder of the hub's own.
 *
 * <p>whisper-jni on its own unpacks its libraries into a new temp folder at every start and leaves it behind when
 * the process is killed. Here they are unpacked once into {@code <bin>/whisper-jni-1.7.1/} (each file written under
 * a private name, then renamed, so two hubs starting at once never load a half-written library) and whisper-jni is
 * told to load them from there. Which ggml build is taken follows whisper-jni's own rule: the AVX2/FMA/F16C one when
 * the processor has those, else the plain one. A {@code -Dio.github.givimad.whisperjni.libdir} given to the JVM
 * wins.
 */
final class WhisperNatives {

    static final String VERSION = "1.7.1";

    private static final String LIBDIR_PROPERTY = "io.github.givimad.whisperjni.libdir";

    private static boolean loaded;

    private WhisperNatives() {
    }

    static synchronized void load(Path binDir) throws IOException {
        if (loaded) {
            return;
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (os.contains("linux") && (arch.contains("amd64") || arch.contains("x86_64"))
                && System.getProperty(LIBDIR_PROPERTY) == null) {
            Path folder = binDir.toAbsolutePath().resolve("whisper-jni-" + VERSION);
            BundledFile.unpack("/debian-amd64/libwhisper-jni.so", folder.resolve("libwhisper-jni.so"), false);
            BundledFile.unpack("/debian-amd64/libwhisper.so.1", folder.resolve("libwhisper.so.1"), false);
            String ggml = hasAvx2() ? "libggml+mf16c+mfma+mavx+mavx2.so" : "libggml.so";
            BundledFile.unpack("/debian-amd64/" + ggml, folder.resolve("libggml.so"), false);
            System.setProperty(LIBDIR_PROPERTY, folder.toString());
        }
        try {
            WhisperJNI.loadLibrary();
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("whisper.cpp's native library could not be loaded (" + e.getMessage() + ")."
                    + " On Debian or Ubuntu it needs the package libgomp1", e);
        }
        loaded = true;
    }

    private static boolean hasAvx2() {
        try {
            String flags = Files.readString(Path.of("/proc/cpuinfo"));
            return flags.contains("avx2") && flags.contains("fma") && flags.contains("f16c") && flags.contains(" avx");
        } catch (IOException e) {
            return false;
        }
    }
}
