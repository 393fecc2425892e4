package dev.teammate.config;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.nio.file.Path;

/**
 * The hub's settings for the command-line tools that run without a hub: read from the same file, with the same
 * placeholders and overrides, through a Camel context that is never started.
 */
public final class StandaloneSettings {

    private StandaloneSettings() {
    }

    /** A folder setting such as {@code teammate.store.dir}, created when missing. */
    public static Path folder(String key) {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation(ConfigLocation.location());
        return Path.of(context.resolvePropertyPlaceholders("{{folder:{{" + key + "}}}}"));
    }

    /** A setting's value, or {@code null} when the settings file does not have it. */
    public static String text(String key) {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation(ConfigLocation.location());
        return context.getPropertiesComponent().resolveProperty(key).orElse(null);
    }

    /** A setting's value with its placeholders resolved ({@code {{env:...}}} included). */
    public static String resolved(String key) {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation(ConfigLocation.location());
        return context.resolvePropertyPlaceholders("{{" + key + "}}");
    }
}
