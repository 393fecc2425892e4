package dev.teammate.llm;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;

import java.util.List;

/**
 * A chat model that refuses to pass on a reply cut off by the token limit. The {@code langchain4j-chat} endpoint
 * hands on only the reply's text, so a cut-off reply would otherwise look like a whole one; here it becomes a
 * {@link ReplyCutOffException}, which a route can catch and answer by taking the transcript in parts.
 */
public final class CutOffCheckingChatModel implements ChatModel {

    private final ChatModel model;
    private final ModelTier tier;

    public CutOffCheckingChatModel(ChatModel model, ModelTier tier) {
        this.model = model;
        this.tier = tier;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        ChatResponse response = model.chat(request);
        if (response.finishReason() == FinishReason.LENGTH) {
            throw new ReplyCutOffException("the reply of model tier " + tier.name() + " (" + tier.model()
                    + ") was cut off at its limit of " + tier.outputTokens() + " tokens");
        }
        return response;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return model.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        // The wrapped model tells its own listeners; telling them again here would count every call twice.
        return List.of();
    }

    @Override
    public ModelProvider provider() {
        return model.provider();
    }

    public ModelTier tier() {
        return tier;
    }
}
