package dev.teammate;

import dev.teammate.cli.SearchCommand;
import dev.teammate.hub.HubConfiguration;
import org.apache.camel.main.Main;

/**
 * Starts the hub: Camel Main with the top-level {@code application.properties} and every {@code routes/*.yaml}.
 * {@code search <query>} instead searches the store from the command line.
 */
public final class TeammateMain {

    /** Where the settings are read from; a JVM system property of the same name points elsewhere. */
    public static final String CONFIG_PROPERTY = "teammate.config";

    private TeammateMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "search".equals(args[0])) {
            System.exit(SearchCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + System.getProperty(CONFIG_PROPERTY, "application.properties"));
        main.configure().addConfiguration(new HubConfiguration());
        main.run(args);
    }
}
