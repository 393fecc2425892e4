package dev.teammate.hub;

import dev.teammate.ledger.Ledger;
import dev.teammate.llm.ModelTiers;
import dev.teammate.llm.PromptTemplates;
import dev.teammate.summarize.Summarizer;
import dev.teammate.summarize.SummaryQueue;
import org.apache.camel.CamelContext;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Builds the summary stage's beans, used by {@code routes/summarize.yaml}: {@code summaryQueue} and
 * {@code summarizer}.
 */
final class SummaryWiring {

    private SummaryWiring() {
    }

    static void bind(CamelContext context, Ledger ledger, ModelTiers tiers) {
        Path outputsDir = HubConfiguration.folder(context, "teammate.outputs.dir");
        Path templatesDir = Path.of(HubSettings.text(context, "teammate.templates.dir")).toAbsolutePath();
        context.getRegistry().bind("summaryQueue", new SummaryQueue(ledger, outputsDir,
                Duration.ofMillis(HubSettings.integer(context, "teammate.summarize.retry-ms")),
                HubSettings.integer(context, "teammate.summarize.max-attempts")));
        context.getRegistry().bind("summarizer", new Summarizer(new PromptTemplates(templatesDir.resolve("summarize")),
                tiers, HubSettings.integer(context, "teammate.summarize.overlap-tokens")));
    }
}
