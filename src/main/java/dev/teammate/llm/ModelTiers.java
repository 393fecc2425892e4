package dev.teammate.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chat model tiers the hub is configured with, smallest first, each built once as a LangChain4j
 * {@link OpenAiChatModel} (wrapped so that a cut-off reply is noticed). A tier whose base URL is left empty in the
 * settings is simply not there: {@link #fits} says no for it and the routes go on to the next choice.
 */
public final class ModelTiers {

    private final Map<String, ModelTier> tiers = new LinkedHashMap<>();
    private final Map<String, ChatModel> models = new LinkedHashMap<>();

    public ModelTiers(List<ModelTier> configured) {
        for (ModelTier tier : configured) {
            if (tiers.putIfAbsent(tier.name(), tier) != null) {
                throw new IllegalArgumentException("model tier " + tier.name() + " is configured twice");
            }
            models.put(tier.name(), new CutOffCheckingChatModel(build(tier), tier));
        }
    }

    private static ChatModel build(ModelTier tier) {
        return OpenAiChatModel.builder()
                .baseUrl(tier.baseUrl())
                // Local servers accept any key; the client library insists on one being set.
                .apiKey(tier.apiKey().isEmpty() ? "not-needed" : tier.apiKey())
                .modelName(tier.model())
                .maxTokens(tier.outputTokens())
                .temperature(0.0)
                .timeout(tier.timeout())
                .maxRetries(tier.maxRetries())
                .build();
    }

    /** Whether the tier is configured and a prompt of this many tokens, plus a full reply, fits its context. */
    public boolean fits(String tierName, int promptTokens) {
        ModelTier tier = tiers.get(tierName);
        return tier != null && promptTokens <= tier.inputTokens();
    }

    public boolean has(String tierName) {
        return tiers.containsKey(tierName);
    }

    public Optional<ModelTier> tier(String tierName) {
        return Optional.ofNullable(tiers.get(tierName));
    }

    public ModelTier require(String tierName) {
        return tier(tierName).orElseThrow(() -> new IllegalArgumentException("no model tier named " + tierName
                + " is configured (configured: " + String.join(", ", tiers.keySet()) + ")"));
    }

    /** The models by tier name, for binding as {@code <tier>ChatModel} where the routes' endpoints find them. */
    public Map<String, ChatModel> models() {
        return Map.copyOf(models);
    }

    public List<ModelTier> all() {
        return List.copyOf(tiers.values());
    }
}
