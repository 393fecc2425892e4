package dev.teammate.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.List;

/**
 * How many tokens a chat model will count in a text, estimated without the model's tokenizer (each endpoint may
 * run a different model, and none of their tokenizers ships with the hub).
 *
 * <p>English prose comes to about 4 to 4.5 characters per token with the tokenizers of Llama 3, Qwen 2.5, Mistral and
 * GPT-4o; transcripts, with names, numbers and timestamps, to a little less. Counting one token per
 * {@value #CHARS_PER_TOKEN} characters overestimates such text by 15 to 30 %: that is the safety margin, so a
 * prompt judged to fit a context window does fit it.
 */
public final class TokenEstimate {

    static final double CHARS_PER_TOKEN = 3.5;

    private TokenEstimate() {
    }

    public static int of(String text) {
        return text == null ? 0 : (int) Math.ceil(text.length() / CHARS_PER_TOKEN);
    }

    /** Estimated tokens of a prompt, with a few for each message's role markers. */
    public static int of(List<ChatMessage> prompt) {
        int tokens = 0;
        for (ChatMessage message : prompt) {
            tokens += 8 + of(text(message));
        }
        return tokens;
    }

    private static String text(ChatMessage message) {
        if (message instanceof UserMessage user) {
            return user.singleText();
        }
        if (message instanceof AiMessage ai) {
            return ai.text();
        }
        if (message instanceof SystemMessage system) {
            return system.text();
        }
        return message.toString();
    }

    /** The characters that make about this many tokens. */
    public static int chars(int tokens) {
        return (int) Math.floor(tokens * CHARS_PER_TOKEN);
    }
}
