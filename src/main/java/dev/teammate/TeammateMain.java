package dev.teammate;

import dev.teammate.cli.SearchCommand;
import dev.teammate.config.ConfigLocation;
import dev.teammate.hub.HubConfiguration;
import org.apache.camel.main.Main;

/**
 * Starts the hub: Camel Main with the top-level {@code application.properties} and every {@code routes/*.yaml}.
 * {@code search <query>} instead searches the store from the command line.
 */
public final class TeammateMain {

    private TeammateMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "search".equals(args[0])) {
            System.exit(SearchCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        Main main = new Main();
        main.setPropertyPlaceholderLocations(ConfigLocation.location());
        main.configure().addConfiguration(new HubConfiguration());
        main.run(args);
    }
}
