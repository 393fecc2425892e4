package dev.teammate.hub;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Route tests over the real {@code routes/*.yaml}, the real beans and the real HTTP server, on camel-test-junit5.
 * Each test gets a fresh hub over its own data folder.
 */
public abstract class HubRouteTestSupport extends CamelTestSupport {

    @TempDir
    protected Path dataDir;

    protected TestHub hub;

    private final int port = TestHubs.freePort();

    /** Settings a test class changes, on top of the test defaults. */
    protected Properties extraProperties() {
        return new Properties();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        TestHubs.configure(context, dataDir, port, extraProperties());
        hub = TestHub.attach(context, dataDir, port);
        return context;
    }
}
