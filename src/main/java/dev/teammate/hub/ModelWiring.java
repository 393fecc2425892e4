package dev.teammate.hub;

import dev.teammate.llm.ModelTier;
import dev.teammate.llm.ModelTiers;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the chat model tiers every stage that asks a model uses: {@code modelTiers}, and one
 * {@code <tier>ChatModel} per configured tier (what the {@code langchain4j-chat} endpoints in the routes call).
 */
final class ModelWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ModelWiring.class);

    private ModelWiring() {
    }

    static ModelTiers bind(CamelContext context) {
        ModelTiers tiers = new ModelTiers(tiers(context));
        context.getRegistry().bind("modelTiers", tiers);
        tiers.models().forEach((name, model) -> context.getRegistry().bind(name + "ChatModel", model));
        LOG.info("Chat model tiers: {}", tiers.all().isEmpty() ? "none configured" : tiers.all());
        return tiers;
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
