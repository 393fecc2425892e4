package dev.teammate.cli;

import dev.teammate.config.ConfigLocation;
import dev.teammate.hub.HubConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import java.util.Map;
import java.util.Properties;

/**
 * A hub started inside a command, from the same settings file as the hub, with some settings overridden: a command
 * that needs the pipeline's routes runs them as they are instead of copying what they do.
 */
final class EmbeddedHub implements AutoCloseable {

    private final Main main;

    private EmbeddedHub(Main main) {
        this.main = main;
    }

    /**
     * @param own      the command's own settings (no HTTP server, which routes)
     * @param settings the caller's overrides, applied last
     */
    static EmbeddedHub start(Map<String, String> own, Properties settings) throws Exception {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(ConfigLocation.location());
        own.forEach(main::addOverrideProperty);
        settings.forEach((key, value) -> main.addOverrideProperty((String) key, (String) value));
        main.configure().addConfiguration(new HubConfiguration());
        main.start();
        return new EmbeddedHub(main);
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    String setting(String key) {
        return context().resolvePropertyPlaceholders("{{" + key + "}}");
    }

    @Override
    public void close() {
        main.stop();
    }
}
