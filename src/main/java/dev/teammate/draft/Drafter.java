package dev.teammate.draft;

import dev.langchain4j.data.message.ChatMessage;
import dev.teammate.llm.ModelTier;
import dev.teammate.llm.ModelTiers;
import dev.teammate.llm.PromptTemplates;
import dev.teammate.retrieve.CitationCheck;
import dev.teammate.retrieve.PromptFit;
import dev.teammate.retrieve.Retriever;
import dev.teammate.retrieve.Source;
import dev.teammate.retrieve.SourceBlock;
import dev.teammate.store.SearchFilter;
import dev.teammate.tickets.TicketProposal;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.component.langchain4j.embeddings.LangChain4jEmbeddingsHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps of {@code routes/draft.yaml}: read the template, search for each of its queries (the route embeds them),
 * judge whether the data holds anything for the draft, build the prompt, check the citations and write the document
 * to the outbox.
 *
 * <p>Retrieved text reaches the model only inside the sources block of the user message (see {@link SourceBlock});
 * the system message holds the hub's frame and the template's instructions, nothing retrieved. A document that
 * carries instructions can therefore change what the model reads, but not what the draft is asked to be.
 */
public class Drafter {

    private static final Logger LOG = LoggerFactory.getLogger(Drafter.class);
    private static final String PLAN = "teammateDraftPlan";

    private final DraftTemplates templates;
    private final PromptTemplates prompts;
    private final ModelTiers tiers;
    private final Retriever retriever;
    private final Outbox outbox;
    private final Clock clock;

    public Drafter(DraftTemplates templates, PromptTemplates prompts, ModelTiers tiers, Retriever retriever,
            Outbox outbox, Clock clock) {
        this.templates = templates;
        this.prompts = prompts;
        this.tiers = tiers;
        this.retriever = retriever;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What one draft has gathered so far, kept on the exchange between the steps. */
    static final class Plan {
        final DraftRequest request;
        final DraftTemplate template;
        final SearchFilter filter;
        final List<String> queries;
        final Retriever.Query[] embedded;
        List<Source> sources = List.of();

        Plan(DraftRequest request, DraftTemplate template, SearchFilter filter, List<String> queries) {
            this.request = request;
            this.template = template;
            this.filter = filter;
            this.queries = queries;
            this.embedded = new Retriever.Query[queries.size()];
        }
    }

    /** The request a schedule sends: the template, no topic, no filter beyond the template's own. */
    public DraftRequest scheduled(String template) {
        return new DraftRequest(template, "", SearchFilter.NONE);
    }

    /** Reads the template and returns its queries for the topic, to be embedded one by one. */
    public List<String> plan(Exchange exchange) throws IOException, InvalidPayloadException {
        DraftRequest request = exchange.getMessage().getMandatoryBody(DraftRequest.class);
        DraftTemplate template = templates.load(request.template());
        if (!tiers.has(template.tier())) {
            throw new IllegalStateException("draft template " + template.name() + " uses model tier '"
                    + template.tier() + "', which is not configured (teammate.llm." + template.tier() + ".base-url)");
        }
        boolean noTopic = request.topic() == null || request.topic().isBlank();
        if (template.needsTopic() && noTopic) {
            throw new IllegalArgumentException("draft template " + template.name() + " needs a topic: what the "
                    + template.title() + " is about");
        }
        List<String> queries = template.queries(request.topic());
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("draft template " + template.name() + " has no search without a topic");
        }
        Plan plan = new Plan(request, template, filter(template, request.filter()), queries);
        exchange.setProperty(PLAN, plan);
        LOG.info("Drafting {}{} from {} searches", template.name(), topicSuffix(request.topic()), queries.size());
        return queries;
    }

    /** Keeps one query's embedding (inside the route's split over the queries). */
    public void keepQuery(Exchange exchange) {
        Plan plan = exchange.getProperty(PLAN, Plan.class);
        int index = exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class);
        float[] vector = exchange.getMessage().getHeader(LangChain4jEmbeddingsHeaders.VECTOR, float[].class);
        plan.embedded[index] = new Retriever.Query(plan.queries.get(index), vector);
    }

    /**
     * Retrieves the sources and sets the header {@code TeammateFound}: false when no query comes close enough in
     * meaning to any chunk the filters let through.
     */
    public void retrieve(Exchange exchange) {
        Plan plan = exchange.getProperty(PLAN, Plan.class);
        List<Retriever.Query> queries = List.of(plan.embedded);
        double best = -1;
        for (Retriever.Query query : queries) {
            best = Math.max(best, retriever.bestSimilarity(query, plan.filter));
        }
        boolean found = best > -1 && best >= plan.template.minSimilarity();
        plan.sources = found ? retriever.retrieve(queries, plan.filter, plan.template.perQuery(),
                plan.template.maxSources()) : List.of();
        exchange.getMessage().setHeader("TeammateFound", !plan.sources.isEmpty());
    }

    /** The prompt; sources that would not fit the tier's context window are left out, lowest ranked first. */
    public List<ChatMessage> prompt(Exchange exchange) throws IOException {
        Plan plan = exchange.getProperty(PLAN, Plan.class);
        ModelTier model = tiers.require(plan.template.tier());
        PromptFit.Fitted fitted = PromptFit.fit(plan.sources, model.inputTokens(), given -> messages(plan, given));
        if (fitted.sources().size() < plan.sources.size()) {
            LOG.info("Draft {}: {} of {} sources fit model tier {}", plan.template.name(), fitted.sources().size(),
                    plan.sources.size(), model.name());
        }
        plan.sources = fitted.sources();
        exchange.getMessage().setHeader("TeammateTier", model.name());
        return fitted.messages();
    }

    /** Checks the citations in the model's reply and writes the draft, with its sources, to the outbox. */
    public Draft write(Exchange exchange) throws IOException {
        Plan plan = exchange.getProperty(PLAN, Plan.class);
        String reply = exchange.getMessage().getBody(String.class);
        CitationCheck.Checked checked = CitationCheck.check(reply == null ? "" : reply.strip(), plan.sources.size());
        List<Source> cited = plan.sources.stream().filter(s -> checked.cited().contains(s.number())).toList();
        StringBuilder md = new StringBuilder(checked.text()).append("\n\n---\n\n");
        if (cited.isEmpty()) {
            md.append("_This draft cites none of its sources: check every statement in it._\n\n");
        } else {
            md.append("**Sources**\n\n");
            cited.forEach(source -> md.append("- ").append(source.markdownLine()).append('\n'));
            md.append('\n');
        }
        if (!checked.clean()) {
            md.append("_Citations ").append(checked.removed()).append(" named no source the model was given and were"
                    + " removed._\n\n");
            LOG.warn("Draft {}: the model cited {} which it was not given; removed", plan.template.name(),
                    checked.removed());
        }
        String tier = plan.template.tier();
        md.append(footer(plan, "with model tier " + tier + ", from " + plan.sources.size() + " sources"));
        return finish(exchange, plan, true, md.toString(), cited, checked.removed(), tier);
    }

    /** Writes a draft that says the data holds nothing for it; no model is asked. */
    public Draft nothingFound(Exchange exchange) throws IOException {
        Plan plan = exchange.getProperty(PLAN, Plan.class);
        String md = "# " + title(plan) + "\n\nNot found in your data: nothing"
                + (plan.template.window() == null ? "" : " from the last " + days(plan) + " days")
                + " matches what this draft looks for (" + String.join("; ", plan.queries) + ").\n\n---\n\n"
                + footer(plan, "without a model");
        return finish(exchange, plan, false, md, List.of(), List.of(), null);
    }

    /**
     * A drafted ticket as a proposal for review: its first heading is the summary, the rest the description, and
     * its sources go along in the description. The draft's file names it, so drafting the same ticket again on
     * another day proposes another ticket, while proposing one draft twice does not.
     */
    public TicketProposal ticket(Exchange exchange) throws InvalidPayloadException {
        Draft draft = exchange.getMessage().getMandatoryBody(Draft.class);
        String text = draft.markdown();
        String summary = draft.title();
        String description = text;
        if (text.startsWith("# ")) {
            int end = text.indexOf('\n');
            summary = (end < 0 ? text.substring(2) : text.substring(2, end)).strip();
            description = end < 0 ? "" : text.substring(end + 1).strip();
        }
        return new TicketProposal("draft:" + draft.template().name() + "/" + draft.file().getFileName(), summary,
                description, null, null, draft.title(), draft.file().toUri().toString(), null);
    }

    private Draft finish(Exchange exchange, Plan plan, boolean found, String markdown, List<Source> cited,
            List<Integer> removed, String tier) throws IOException {
        LocalDate today = LocalDate.now(clock);
        Path file = outbox.write(plan.template.name(), plan.request.topic(), today, markdown);
        Draft draft = new Draft(plan.template, title(plan), found, markdown, file, cited, plan.sources.size(),
                removed, tier);
        exchange.getMessage().setHeader("TeammateDraftFile", file.toString());
        exchange.getMessage().setHeader("TeammateDraftTitle", draft.title());
        exchange.getMessage().setHeader("TeammateDraftTicket", found && plan.template.makesTicket());
        LOG.info("Drafted {}{}: {} ({} sources cited) -> {}", plan.template.name(), topicSuffix(plan.request.topic()),
                found ? "written" : "nothing found", cited.size(), file);
        return draft;
    }

    private List<ChatMessage> messages(Plan plan, List<Source> sources) throws IOException {
        String topic = plan.request.topic() == null || plan.request.topic().isBlank() ? "(none given)"
                : plan.request.topic().strip();
        return prompts.messages("drafts/prompt/draft", Map.of(
                "title", plan.template.title(),
                "instructions", plan.template.instructions(),
                "today", LocalDate.now(clock).toString(),
                "topic", topic,
                "window", plan.template.window() == null ? "all time" : "the last " + days(plan) + " days",
                "sources", SourceBlock.render(sources)));
    }

    private String footer(Plan plan, String how) {
        return "_Drafted by Teammate on " + LocalDate.now(clock) + " from the template \"" + plan.template.name()
                + "\" " + how + "._\n";
    }

    private static String title(Plan plan) {
        String topic = plan.request.topic();
        return plan.template.title() + (topic == null || topic.isBlank() ? "" : ": " + topic.strip());
    }

    private static long days(Plan plan) {
        return Math.max(1, plan.template.window().toDays());
    }

    /** The request's filter narrowed by the template's sources and window. */
    private SearchFilter filter(DraftTemplate template, SearchFilter requested) {
        SearchFilter base = requested == null ? SearchFilter.NONE : requested;
        Set<String> sources = base.sources();
        if (!template.sources().isEmpty()) {
            Set<String> narrowed = new HashSet<>(template.sources());
            if (!sources.isEmpty()) {
                narrowed.retainAll(sources);
                if (narrowed.isEmpty()) {
                    throw new IllegalArgumentException("the filter's sources " + sources + " and the template's "
                            + template.sources() + " have none in common");
                }
            }
            sources = narrowed;
        }
        Instant from = base.from();
        if (template.window() != null) {
            Instant start = clock.instant().minus(template.window());
            from = from == null || start.isAfter(from) ? start : from;
        }
        return new SearchFilter(sources, base.itemIds(), from, base.to());
    }

    private static String topicSuffix(String topic) {
        return topic == null || topic.isBlank() ? "" : " on \"" + (topic.length() > 60 ? topic.substring(0, 60)
                + "..." : topic.strip()) + "\"";
    }
}
