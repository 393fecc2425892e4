package dev.teammate.retrieve;

import dev.langchain4j.data.message.ChatMessage;
import dev.teammate.llm.TokenEstimate;

import java.io.IOException;
import java.util.List;

/**
 * Fits a prompt built around numbered sources into a model's context window: when the whole prompt is too long, the
 * lowest-ranked sources are left out. The prompt's frame is measured once, so the template files are read a fixed
 * number of times however many sources have to go.
 */
public final class PromptFit {

    private PromptFit() {
    }

    /** Builds the prompt for a list of sources (rendered with {@link SourceBlock}). */
    @FunctionalInterface
    public interface PromptBuilder {
        List<ChatMessage> build(List<Source> sources) throws IOException;
    }

    /** The prompt that fits, and the sources it holds (the first ones of those given). */
    public record Fitted(List<ChatMessage> messages, List<Source> sources) {
    }

    /**
     * @param inputTokens the tokens the prompt may take (the tier's window less its reply)
     * @return the prompt with as many of the sources, best first, as fit; at least one source is kept
     */
    public static Fitted fit(List<Source> sources, int inputTokens, PromptBuilder builder) throws IOException {
        List<ChatMessage> whole = builder.build(sources);
        if (sources.size() <= 1 || TokenEstimate.of(whole) <= inputTokens) {
            return new Fitted(whole, sources);
        }
        int frame = TokenEstimate.of(builder.build(List.of())) - TokenEstimate.of(SourceBlock.render(List.of()));
        int keep = sources.size() - 1;
        while (keep > 1 && frame + TokenEstimate.of(SourceBlock.render(sources.subList(0, keep))) > inputTokens) {
            keep--;
        }
        List<Source> kept = List.copyOf(sources.subList(0, keep));
        List<ChatMessage> messages = builder.build(kept);
        // The frame's estimate and the block's are rounded apart; a prompt one token over loses one more source.
        while (kept.size() > 1 && TokenEstimate.of(messages) > inputTokens) {
            kept = kept.subList(0, kept.size() - 1);
            messages = builder.build(kept);
        }
        return new Fitted(messages, kept);
    }
}
