package dev.teammate.hub;

import dev.teammate.ledger.Ledger;
import dev.teammate.llm.ModelTier;
import dev.teammate.llm.ModelTiers;
import dev.teammate.summarize.PromptTemplates;
import dev.teammate.summarize.Summarizer;
import dev.teammate.summarize.SummaryQueue;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the summary stage's beans, used by {@code routes/summarize.yaml}: {@code modelTiers}, one
 * {@code <tier>ChatModel} per configured tier (what the {@code langchain4j-chat} endpoints call), {@code summaryQueue}
 * and {@code summarizer}.
 */
final class SummaryWiring {

    private static final Logger LOG = LoggerFactory.getLogger(SummaryWiring.class);

    private SummaryWiring() {
    }

    static void bind(CamelContext context, Ledger ledger) {
        ModelTiers tiers = new ModelTiers(tiers(context));
        context.getRegistry().bind("modelTiers", tiers);
        tiers.models().forEach((name, model) -> context.getRegistry().bind(name + "ChatModel", model));

        Path outputsDir = HubConfiguration.folder(context, "teammate.outputs.dir");
        Path templatesDir = Path.of(HubSettings.text(context, "teammate.templates.dir")).toAbsolutePath();
        context.getRegistry().bind("summaryQueue", new SummaryQueue(ledger, outputsDir,
                Duration.ofMillis(HubSettings.integer(context, "teammate.summarize.retry-ms")),
                HubSettings.integer(context, "teammate.summarize.max-attempts")));
        context.getRegistry().bind("summarizer", new Summarizer(new PromptTemplates(templatesDir.resolve("summarize")),
                tiers, HubSettings.integer(context, "teammate.summarize.overlap-tokens")));
        LOG.info("Summary model tiers: {}", tiers.all().isEmpty() ? "none configured" : tiers.all());
    }

    /** The tiers named by {@code teammate.llm.tiers} whose base URL is set. */
    private static List<ModelTier> tiers(CamelContext context) {
        List<ModelTier> tiers = new ArrayList<>();
        for (String name : HubSettings.text(context, "teammate.llm.tiers").split(",")) {
            String tier = name.strip();
            if (tier.isEmpty()) {
                continue;
            }
            String prefix = "teammate.llm." + tier + ".";
            String baseUrl = HubSettings.optional(context, prefix + "base-url");
            if (baseUrl == null || baseUrl.isBlank()) {
                continue;
            }
            tiers.add(new ModelTier(tier, baseUrl.strip(), HubSettings.text(context, prefix + "model"),
                    HubSettings.integer(context, prefix + "context-tokens"),
                    HubSettings.integer(context, prefix + "output-tokens"),
                    HubSettings.optional(context, prefix + "api-key"),
                    Duration.ofSeconds(HubSettings.integer(context, prefix + "timeout-seconds")),
                    HubSettings.integer(context, prefix + "max-retries")));
        }
        return tiers;
    }
}
