package dev.teammate.retrieve;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.teammate.llm.TokenEstimate;
import dev.teammate.store.StoredChunk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PromptFitTest {

    private final AtomicInteger builds = new AtomicInteger();

    private static List<Source> sources(int count) {
        List<Source> sources = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            sources.add(new Source(n, new StoredChunk("x#1#" + n, "file:x", "file", "x.md", null, n,
                    "Passage " + n + ": " + "words about card retries and fraud alerts. ".repeat(20), 0L, null, null,
                    null)));
        }
        return sources;
    }

    private List<ChatMessage> build(List<Source> sources) {
        builds.incrementAndGet();
        return List.of(SystemMessage.from("Answer from the sources."), UserMessage.from("Question: retries?\n\n"
                + SourceBlock.render(sources)));
    }

    @Test
    void aPromptThatFitsKeepsEverySource() throws Exception {
        PromptFit.Fitted fitted = PromptFit.fit(sources(5), 100_000, this::build);

        assertThat(fitted.sources()).hasSize(5);
        assertThat(builds).hasValue(1);
    }

    @Test
    void theLowestRankedSourcesGoUntilThePromptFitsReadingTheTemplatesAFewTimesOnly() throws Exception {
        List<Source> all = sources(30);
        int budget = TokenEstimate.of(build(all.subList(0, 7)));
        builds.set(0);

        PromptFit.Fitted fitted = PromptFit.fit(all, budget, this::build);

        assertThat(fitted.sources()).containsExactlyElementsOf(all.subList(0, 7));
        assertThat(TokenEstimate.of(fitted.messages())).isLessThanOrEqualTo(budget);
        assertThat(builds.get()).isLessThanOrEqualTo(4);
    }

    @Test
    void oneSourceIsAlwaysKept() throws Exception {
        assertThat(PromptFit.fit(sources(3), 10, this::build).sources()).hasSize(1);
    }
}
