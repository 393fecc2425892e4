package dev.teammate;

import dev.teammate.cli.CopyStoreCommand;
import dev.teammate.cli.DraftCommand;
import dev.teammate.cli.ModelDownloadCommand;
import dev.teammate.cli.SearchCommand;
import dev.teammate.cli.SummarizeCommand;
import dev.teammate.config.ConfigLocation;
import dev.teammate.hub.HubConfiguration;
import org.apache.camel.main.Main;

import java.util.Arrays;

/**
 * Starts the hub: Camel Main with the top-level {@code application.properties} and every {@code routes/*.yaml}.
 * {@code search <query>} instead searches the store from the command line; {@code download-model <name>} fetches a
 * whisper model into the models folder and checks it; {@code summarize <folder>} summarizes a folder of transcripts
 * with the configured models and prints the time per meeting; {@code draft <template> <topic>} drafts a document
 * into the outbox; {@code copy-store} copies the embedded store into Qdrant.
 */
public final class TeammateMain {

    private TeammateMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "search".equals(args[0])) {
            System.exit(SearchCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && "download-model".equals(args[0])) {
            System.exit(ModelDownloadCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && "copy-store".equals(args[0])) {
            System.exit(CopyStoreCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && "draft".equals(args[0])) {
            System.exit(DraftCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && "summarize".equals(args[0])) {
            System.exit(SummarizeCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        Main main = new Main();
        main.setPropertyPlaceholderLocations(ConfigLocation.location());
        main.configure().addConfiguration(new HubConfiguration());
        main.run(args);
    }
}
