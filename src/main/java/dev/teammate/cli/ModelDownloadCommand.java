package dev.teammate.cli;

import dev.teammate.config.StandaloneSettings;
import dev.teammate.whisper.WhisperModelCatalog;
import dev.teammate.whisper.WhisperModelException;
import dev.teammate.whisper.WhisperModelFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Downloads a whisper model into the models folder: {@code download-model <name> [--from <base URL>]
 * [--sha1 <hex>] [--models-dir <folder>]}, or {@code download-model --list}.
 *
 * <p>The file is written as {@code ggml-<name>.bin.part}, its SHA-1 compared with the checksum whisper.cpp publishes
 * (or the one given), its structure checked, and only then renamed to its final name, where a running hub picks it
 * up. An interrupted download is resumed from the partial file. {@code --from} points at a mirror that serves the same
 * file names.
 */
public final class ModelDownloadCommand {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private ModelDownloadCommand() {
    }

    public static int run(String[] args) {
        PrintStream out = System.out;
        String name = null;
        String base = WhisperModelCatalog.BASE_URL;
        String sha1 = null;
        Path modelsDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--list" -> {
                    list(out);
                    return 0;
                }
                case "--from" -> base = args[++i];
                case "--sha1" -> sha1 = args[++i].toLowerCase(Locale.ROOT);
                case "--models-dir" -> modelsDir = Path.of(args[++i]);
                default -> name = args[i];
            }
        }
        if (name == null) {
            System.err.println("usage: download-model <name> [--from <base URL>] [--sha1 <hex>] [--models-dir <dir>]"
                    + " | --list");
            return 2;
        }
        Optional<WhisperModelCatalog.Entry> entry = WhisperModelCatalog.byName(name);
        if (sha1 == null && entry.isEmpty()) {
            System.err.println("No published checksum is known for the model '" + name + "'. Known models:");
            list(System.err);
            System.err.println("For another ggml file, give its SHA-1 with --sha1, or copy it into the models folder.");
            return 2;
        }
        String fileName = entry.map(WhisperModelCatalog.Entry::fileName).orElse("ggml-" + name + ".bin");
        String expected = sha1 != null ? sha1 : entry.get().sha1();
        URI source = URI.create(base.endsWith("/") ? base + fileName : base + "/" + fileName);
        Path folder = modelsDir != null ? modelsDir : StandaloneSettings.folder("teammate.models.dir");
        try {
            Path saved = download(source, folder.resolve(fileName), expected, out);
            out.println("Saved " + saved + ". A running hub takes it up at its next look for waiting recordings.");
            return 0;
        } catch (IOException | WhisperModelException e) {
            System.err.println("Download of " + fileName + " failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("Download of " + fileName + " interrupted; run the command again to resume it");
            return 1;
        }
    }

    static Path download(URI source, Path target, String expectedSha1, PrintStream out)
            throws IOException, InterruptedException, WhisperModelException {
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        MessageDigest digest = sha1();
        long have = Files.isRegularFile(partial) ? hashInto(digest, partial) : 0;

        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(source).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status == 200 && have > 0) {
            // The server ignored the range: start over.
            digest.reset();
            have = 0;
        } else if (status == 416 && have > 0) {
            // The partial file is already whole.
            response.body().close();
            return finish(partial, target, digest, expectedSha1);
        } else if (status != 200 && status != 206) {
            response.body().close();
            throw new IOException(source + " answered HTTP " + status);
        }
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (total >= 0 && status == 206) {
            total += have;
        }
        out.printf(Locale.ROOT, "Downloading %s from %s%s%n", target.getFileName(), source,
                have > 0 ? " (resuming at " + mb(have) + ")" : "");
        StandardOpenOption mode = have > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (InputStream in = response.body();
             OutputStream file = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     mode)) {
            copy(in, file, digest, have, total, out);
        }
        return finish(partial, target, digest, expectedSha1);
    }

    private static void copy(InputStream in, OutputStream file, MessageDigest digest, long have, long total,
            PrintStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long started = System.nanoTime();
        long lastReport = started;
        long done = have;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            file.write(buffer, 0, read);
            digest.update(buffer, 0, read);
            done += read;
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_EVERY.toNanos()) {
                lastReport = now;
                double rate = (done - have) / ((now - started) / 1e9);
                out.printf(Locale.ROOT, "  %s of %s (%s), %.1f MB/s%n", mb(done), total > 0 ? mb(total) : "?",
                        total > 0 ? Math.round(100.0 * done / total) + "%" : "?", rate / 1e6);
            }
        }
    }

    private static Path finish(Path partial, Path target, MessageDigest digest, String expectedSha1)
            throws IOException, WhisperModelException {
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expectedSha1)) {
            Files.deleteIfExists(partial);
            throw new IOException("checksum mismatch: SHA-1 " + actual + ", expected " + expectedSha1
                    + "; the partial file was removed, run the command again");
        }
        WhisperModelFile.check(partial);
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static long hashInto(MessageDigest digest, Path file) throws IOException {
        long length = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
                length += read;
            }
        }
        return length;
    }

    private static void list(PrintStream out) {
        for (WhisperModelCatalog.Entry entry : WhisperModelCatalog.entries()) {
            out.printf(Locale.ROOT, "  %-20s about %5d MiB  sha1 %s%n", entry.name(), entry.sizeMiB(), entry.sha1());
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
