package dev.teammate.cli;

import com.sun.net.httpserver.HttpServer;
import dev.teammate.transcribe.TestModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model download against a local HTTP server standing in for the model host: checksum verified, structure
 * checked, an interrupted download resumed with a range request, nothing left under the final name when it fails.
 */
class ModelDownloadCommandTest {

    @TempDir
    Path models;

    private HttpServer server;
    private byte[] served;
    private final AtomicReference<String> lastRange = new AtomicReference<>();

    @BeforeEach
    void serve() throws IOException {
        served = Files.readAllBytes(TestModels.tinyEn());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/models/", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            lastRange.set(range);
            int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            if (from > 0) {
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (served.length - 1) + "/"
                        + served.length);
            }
            exchange.sendResponseHeaders(from > 0 ? 206 : 200, served.length - from);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(served, from, served.length - from);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void downloadsChecksAndPutsTheModelInPlace() throws Exception {
        String out = run(0, "tiny.en", "--from", base(), "--sha1", sha1(served), "--models-dir", models.toString());

        assertThat(models.resolve("ggml-tiny.en.bin")).hasBinaryContent(served);
        assertThat(models.resolve("ggml-tiny.en.bin.part")).doesNotExist();
        assertThat(out).contains("Saved ").contains("ggml-tiny.en.bin");
    }

    @Test
    void aChecksumMismatchKeepsNothing() throws Exception {
        String wrong = "0".repeat(40);

        run(1, "tiny.en", "--from", base(), "--sha1", wrong, "--models-dir", models.toString());

        assertThat(models.resolve("ggml-tiny.en.bin")).doesNotExist();
        assertThat(models.resolve("ggml-tiny.en.bin.part")).doesNotExist();
    }

    @Test
    void thePublishedChecksumIsUsedForKnownModels() throws Exception {
        // The random model is not whisper.cpp's tiny.en, so its published checksum cannot match.
        run(1, "tiny.en", "--from", base(), "--models-dir", models.toString());

        assertThat(models.resolve("ggml-tiny.en.bin")).doesNotExist();
    }

    @Test
    void anInterruptedDownloadIsResumed() throws Exception {
        Files.write(models.resolve("ggml-tiny.en.bin.part"), java.util.Arrays.copyOf(served, 1_000_000));

        run(0, "tiny.en", "--from", base(), "--sha1", sha1(served), "--models-dir", models.toString());

        assertThat(lastRange.get()).isEqualTo("bytes=1000000-");
        assertThat(models.resolve("ggml-tiny.en.bin")).hasBinaryContent(served);
    }

    @Test
    void aFileThatIsNotAModelIsRefusedEvenWithAMatchingChecksum() throws Exception {
        served = "<html>sign in to continue</html>".getBytes(StandardCharsets.UTF_8);

        run(1, "tiny.en", "--from", base(), "--sha1", sha1(served), "--models-dir", models.toString());

        assertThat(models.resolve("ggml-tiny.en.bin")).doesNotExist();
    }

    @Test
    void anUnknownModelWithoutAChecksumIsRefused() throws Exception {
        run(2, "tiny-q5_1", "--from", base(), "--models-dir", models.toString());
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/models/";
    }

    private static String run(int expectedExit, String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(stream);
        System.setErr(stream);
        int exit;
        try {
            exit = ModelDownloadCommand.run(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isEqualTo(expectedExit);
        return output;
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }
}
