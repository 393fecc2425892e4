package dev.teammate.ask;

import dev.langchain4j.data.message.ChatMessage;
import dev.teammate.llm.ModelTier;
import dev.teammate.llm.ModelTiers;
import dev.teammate.llm.PromptTemplates;
import dev.teammate.retrieve.CitationCheck;
import dev.teammate.retrieve.PromptFit;
import dev.teammate.retrieve.Retriever;
import dev.teammate.retrieve.Source;
import dev.teammate.retrieve.SourceBlock;
import org.apache.camel.Exchange;
import org.apache.camel.component.langchain4j.embeddings.LangChain4jEmbeddingsHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The steps of {@code routes/ask.yaml}: keep the question, retrieve sources with its embedding, judge whether the
 * data holds anything on it, build the prompt, and check the model's citations against what was retrieved.
 *
 * <p>The model is never asked when nothing relevant was retrieved: an answer from nothing would come from the
 * model's own memory, not from the team's data.
 */
public class Asker {

    private static final Logger LOG = LoggerFactory.getLogger(Asker.class);
    private static final String REQUEST = "teammateAskRequest";
    private static final String SOURCES = "teammateAskSources";
    /** What the prompt tells the model to answer when the sources do not hold the answer. */
    private static final String MODEL_NOT_FOUND = "NOT FOUND";

    private final Retriever retriever;
    private final PromptTemplates templates;
    private final ModelTiers tiers;
    private final String tier;
    private final double minSimilarity;

    public Asker(Retriever retriever, PromptTemplates templates, ModelTiers tiers, String tier,
            double minSimilarity) {
        this.retriever = retriever;
        this.templates = templates;
        this.tiers = tiers;
        this.tier = tier;
        this.minSimilarity = minSimilarity;
    }

    /** Keeps the request and leaves the question as the body, to be embedded. */
    public String start(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        AskRequest request = exchange.getMessage().getMandatoryBody(AskRequest.class);
        exchange.setProperty(REQUEST, request);
        return request.question();
    }

    /**
     * Retrieves the sources and sets the header {@code TeammateFound}: false when no chunk comes close enough in
     * meaning to the question ({@code teammate.ask.min-similarity}).
     */
    public void retrieve(Exchange exchange) {
        AskRequest request = exchange.getProperty(REQUEST, AskRequest.class);
        float[] vector = exchange.getMessage().getHeader(LangChain4jEmbeddingsHeaders.VECTOR, float[].class);
        Retriever.Query query = new Retriever.Query(request.question(), vector);
        double best = retriever.bestSimilarity(query, request.filter());
        List<Source> sources = best < minSimilarity ? List.of()
                : retriever.retrieve(List.of(query), request.filter(), request.sources(), request.sources());
        exchange.setProperty(SOURCES, sources);
        exchange.getMessage().setHeader("TeammateFound", !sources.isEmpty());
        if (sources.isEmpty()) {
            LOG.info("Ask: nothing in the data on \"{}\" (best similarity {})", shorten(request.question()),
                    String.format(java.util.Locale.ROOT, "%.2f", best));
        }
    }

    /** The answer when nothing was retrieved: no model is asked. */
    public AskAnswer notFound(Exchange exchange) {
        return AskAnswer.notFound(0, null);
    }

    /**
     * The prompt: instructions, then the question and the sources as data. Sources that would not fit the tier's
     * context window are left out, lowest ranked first, and the log says so.
     */
    public List<ChatMessage> prompt(Exchange exchange) throws IOException {
        AskRequest request = exchange.getProperty(REQUEST, AskRequest.class);
        @SuppressWarnings("unchecked")
        List<Source> sources = exchange.getProperty(SOURCES, List.class);
        ModelTier model = tiers.require(tier);
        PromptFit.Fitted fitted = PromptFit.fit(sources, model.inputTokens(), given -> messages(request, given));
        if (fitted.sources().size() < sources.size()) {
            LOG.info("Ask: {} of {} sources fit model tier {}", fitted.sources().size(), sources.size(), tier);
        }
        exchange.setProperty(SOURCES, fitted.sources());
        exchange.getMessage().setHeader("TeammateTier", tier);
        return fitted.messages();
    }

    /** Reads the model's reply and checks every citation in it against the sources the model was given. */
    public AskAnswer answer(Exchange exchange) {
        String reply = exchange.getMessage().getBody(String.class);
        @SuppressWarnings("unchecked")
        List<Source> sources = exchange.getProperty(SOURCES, List.class);
        String text = reply == null ? "" : reply.strip();
        if (text.isEmpty() || text.toUpperCase(java.util.Locale.ROOT).startsWith(MODEL_NOT_FOUND)) {
            return AskAnswer.notFound(sources.size(), tier);
        }
        CitationCheck.Checked checked = CitationCheck.check(text, sources.size());
        if (!checked.clean()) {
            LOG.warn("Ask: the model cited {} which it was not given; removed from the answer", checked.removed());
        }
        List<Source> cited = sources.stream().filter(s -> checked.cited().contains(s.number())).toList();
        return new AskAnswer(true, checked.text(), cited, sources.size(), checked.removed(), tier);
    }

    private List<ChatMessage> messages(AskRequest request, List<Source> sources) throws IOException {
        return templates.messages("ask/answer", Map.of("question", request.question(), "sources",
                SourceBlock.render(sources)));
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
