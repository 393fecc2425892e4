package dev.teammate.config;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's settings for the command-line tools that run without a hub: read from the same file, with the same
 * placeholders and overrides, through a Camel context that is never started (one per settings file, however many
 * settings a command reads).
 */
public final class StandaloneSettings {

    private static final Map<String, CamelContext> CONTEXTS = new ConcurrentHashMap<>();

    private StandaloneSettings() {
    }

    /** A folder setting such as {@code teammate.store.dir}, created when missing. */
    public static Path folder(String key) {
        return Path.of(context().resolvePropertyPlaceholders("{{folder:{{" + key + "}}}}"));
    }

    /** A setting's value, or {@code null} when the settings file does not have it. */
    public static String text(String key) {
        return context().getPropertiesComponent().resolveProperty(key).orElse(null);
    }

    /** A setting's value with its placeholders resolved ({@code {{env:...}}} included). */
    public static String resolved(String key) {
        return context().resolvePropertyPlaceholders("{{" + key + "}}");
    }

    private static CamelContext context() {
        return CONTEXTS.computeIfAbsent(ConfigLocation.location(), location -> {
            CamelContext context = new DefaultCamelContext();
            context.getPropertiesComponent().setLocation(location);
            return context;
        });
    }
}
