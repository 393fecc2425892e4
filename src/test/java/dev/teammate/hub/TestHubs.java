package dev.teammate.hub;

import dev.teammate.audio.TestRecordings;
import dev.teammate.embed.MiniLmEmbeddingModel;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Sets up a Camel context the way {@code TeammateMain} does: the top-level {@code application.properties}, the
 * beans of {@link HubConfiguration}, every {@code routes/*.yaml}, and the HTTP server; with the data folders moved
 * to a test folder and faster polling.
 */
public final class TestHubs {

    private static MiniLmEmbeddingModel sharedModel;

    private TestHubs() {
    }

    /** One model for the whole test run: loading it costs a second or two. */
    public static synchronized MiniLmEmbeddingModel model() {
        if (sharedModel == null) {
            sharedModel = new MiniLmEmbeddingModel();
        }
        return sharedModel;
    }

    public static void configure(CamelContext context, Path dataDir, int port, Properties extra) throws Exception {
        Properties overrides = new Properties();
        overrides.setProperty("teammate.data.dir", dataDir.toString());
        overrides.setProperty("teammate.inbox.poll-ms", "100");
        overrides.setProperty("teammate.inbox.stable-ms", "200");
        overrides.setProperty("teammate.transcribe.poll-ms", "200");
        // Random-weight test models make whisper retry every window at higher temperatures, and their junk passed on
        // as the next window's prompt can make whisper go round in circles: both off keep test times short.
        overrides.setProperty("teammate.whisper.temperature-fallback", "false");
        overrides.setProperty("teammate.whisper.carry-prompt", "false");
        overrides.setProperty("teammate.whisper.threads", "2");
        // ffmpeg and whisper's natives are unpacked once for the whole test run, not once per test hub.
        overrides.setProperty("teammate.bin.dir", TestRecordings.BIN_DIR.toString());
        overrides.putAll(extra);
        context.getPropertiesComponent().setLocation("file:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);

        context.getRegistry().bind("minilm", model());
        new HubConfiguration().configure(context);

        MainHttpServer server = new MainHttpServer();
        server.setCamelContext(context);
        server.setHost("127.0.0.1");
        server.setPort(port);
        context.addService(server);

        PluginHelper.getRoutesLoader(context).loadRoutes(routeFiles(context));
    }

    private static Resource[] routeFiles(CamelContext context) throws IOException {
        List<Resource> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                resources.add(ResourceHelper.resolveMandatoryResource(context, "file:" + file));
            }
        }
        return resources.toArray(Resource[]::new);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
