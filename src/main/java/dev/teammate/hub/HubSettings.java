package dev.teammate.hub;

import org.apache.camel.CamelContext;

import java.nio.file.Path;

/**
 * The hub's settings, read once from the property placeholders (the top-level {@code application.properties}, JVM
 * system properties and environment placeholders). Each one is described where it is declared, in that file.
 */
record HubSettings(
        Path inboxDir,
        Path doneDir,
        Path errorDir,
        Path storeDir,
        String ledgerUrl,
        String ledgerUser,
        String ledgerPassword,
        int maxTextChars,
        int chunkTargetTokens,
        int chunkMaxTokens,
        int chunkOverlapTokens,
        int embeddingThreads,
        int onnxThreadsPerCall,
        int searchDefaultK,
        int searchMaxK,
        int searchCandidates) {

    static HubSettings from(CamelContext context) {
        int threads = integer(context, "teammate.embed.threads");
        return new HubSettings(
                HubConfiguration.folder(context, "teammate.inbox.dir"),
                HubConfiguration.folder(context, "teammate.done.dir"),
                HubConfiguration.folder(context, "teammate.error.dir"),
                HubConfiguration.folder(context, "teammate.store.dir"),
                text(context, "teammate.ledger.url"),
                optional(context, "teammate.ledger.user"),
                optional(context, "teammate.ledger.password"),
                integer(context, "teammate.intake.max-text-chars"),
                integer(context, "teammate.chunk.target-tokens"),
                integer(context, "teammate.chunk.max-tokens"),
                integer(context, "teammate.chunk.overlap-tokens"),
                threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                integer(context, "teammate.embed.onnx-threads"),
                integer(context, "teammate.search.default-k"),
                integer(context, "teammate.search.max-k"),
                integer(context, "teammate.search.candidates"));
    }

    static String text(CamelContext context, String key) {
        return context.resolvePropertyPlaceholders("{{" + key + "}}").strip();
    }

    static String optional(CamelContext context, String key) {
        String value = context.resolvePropertyPlaceholders("{{" + key + ":}}");
        return value == null || value.isBlank() ? null : value.strip();
    }

    static int integer(CamelContext context, String key) {
        String value = text(context, key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }
}
