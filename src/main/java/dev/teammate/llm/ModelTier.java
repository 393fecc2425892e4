package dev.teammate.llm;

import java.net.URI;
import java.time.Duration;

/**
 * One named chat model the hub may use: an OpenAI-compatible endpoint (llamafile, Ollama, LM Studio, vLLM,
 * llama.cpp's server, or a cloud API) and what it can take.
 *
 * @param name          the tier's name, as the routes and the settings call it ({@code small}, {@code large} ...)
 * @param baseUrl       the endpoint's OpenAI-compatible base URL, for example {@code http://127.0.0.1:11434/v1}
 * @param model         the model name the endpoint knows
 * @param contextTokens the model's context window: prompt and reply together
 * @param outputTokens  the most tokens one reply may have (sent as {@code max_tokens})
 * @param apiKey        the key, read from the environment; never logged
 * @param timeout       how long one request may take before it counts as failed
 * @param maxRetries    retries of a failed request (with growing pauses) before the caller sees the failure
 */
public record ModelTier(String name, String baseUrl, String model, int contextTokens, int outputTokens,
        String apiKey, Duration timeout, int maxRetries) {

    public ModelTier {
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a model tier's name is lower-case letters, digits and '-': " + name);
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("model tier " + name + " has no base URL");
        }
        URI.create(baseUrl);
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model tier " + name + " names no model");
        }
        if (outputTokens < 1 || contextTokens <= outputTokens) {
            throw new IllegalArgumentException("model tier " + name + ": the context (" + contextTokens
                    + " tokens) must be larger than the reply budget (" + outputTokens + ")");
        }
        apiKey = apiKey == null ? "" : apiKey;
    }

    /** Tokens a prompt may have so that the prompt and a full reply fit the context window. */
    public int inputTokens() {
        return contextTokens - outputTokens;
    }

    /** What the log may say of this tier: never the key. */
    @Override
    public String toString() {
        return name + " (" + model + " at " + baseUrl + ", " + contextTokens + " tokens of context)";
    }
}
