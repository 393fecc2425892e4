package dev.teammate.summarize;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.teammate.extract.ExtractedText;
import dev.teammate.llm.ModelTier;
import dev.teammate.llm.ModelTiers;
import dev.teammate.llm.PromptTemplates;
import dev.teammate.llm.TokenEstimate;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The steps of {@code routes/summarize.yaml} that need code: measuring a transcript, building the prompts from the
 * templates, reading and repairing the model's JSON, cutting an over-long transcript into parts, checking the
 * evidence and writing the result. Which model gets what is decided in the route.
 */
public class Summarizer {

    /** Header: estimated tokens of the prompt that would summarize the whole transcript at once. */
    public static final String TOKENS = "TeammateTokens";
    /** Header: the model tier a prompt goes to. */
    public static final String TIER = "TeammateTier";
    /** Header: true when the reply just read was invalid and the body now holds the repair request. */
    public static final String REPAIR = "TeammateRepair";

    private static final String SENT = "teammatePromptSent";
    private static final String WHOLE = "teammateWholePrompt";
    private static final String PART_SUMMARIES = "teammatePartSummaries";
    private static final String HOW = "teammateSummaryMade";

    private static final Logger LOG = LoggerFactory.getLogger(Summarizer.class);

    private final PromptTemplates templates;
    private final ModelTiers tiers;
    private final int overlapTokens;

    /**
     * @param overlapTokens transcript tokens repeated at the start of each part on the hierarchical path
     */
    public Summarizer(PromptTemplates templates, ModelTiers tiers, int overlapTokens) {
        this.templates = templates;
        this.tiers = tiers;
        this.overlapTokens = overlapTokens;
    }

    /**
     * Sets {@link #TOKENS}: what the whole-meeting prompt would cost, for the route's choice of tier. The prompt is
     * kept for {@link #wholePrompt}, so a long transcript is not put together twice.
     */
    public void measure(Exchange exchange) throws IOException {
        List<ChatMessage> prompt = meetingPrompt(job(exchange));
        exchange.setProperty(WHOLE, prompt);
        exchange.getMessage().setHeader(TOKENS, TokenEstimate.of(prompt));
    }

    /** Whether a prompt of this many tokens, and a full reply, fits the tier's context; false for a missing tier. */
    public boolean fits(String tier, int tokens) {
        return tiers.fits(tier, tokens);
    }

    /** The prompt that summarizes the whole transcript at once, for the tier in {@link #TIER}. */
    public List<ChatMessage> wholePrompt(Exchange exchange) {
        SummaryJob job = job(exchange);
        String tier = exchange.getMessage().getHeader(TIER, String.class);
        exchange.setProperty(HOW, "whole transcript, model tier " + tier);
        LOG.info("Summarizing {} whole with model tier {} ({} prompt tokens estimated)", job.meeting().id(),
                tiers.require(tier), exchange.getMessage().getHeader(TOKENS));
        @SuppressWarnings("unchecked")
        List<ChatMessage> prompt = exchange.getProperty(WHOLE, List.class);
        return sent(exchange, prompt);
    }

    /**
     * Reads the model's reply. Valid: the summary becomes the body. Invalid the first time: {@link #REPAIR} is set
     * and the body becomes the conversation so far plus a request to correct it, naming what was wrong.
     */
    public Object read(Exchange exchange) throws IOException {
        String reply = exchange.getMessage().getBody(String.class);
        try {
            exchange.getMessage().setHeader(REPAIR, false);
            return SummaryJson.read(reply);
        } catch (InvalidSummaryException e) {
            LOG.info("Reply of model tier {} for {} was not valid ({}); asking once more", exchange.getMessage()
                    .getHeader(TIER), job(exchange).meeting().id(), e.getMessage());
            List<ChatMessage> repair = new ArrayList<>(exchange.getProperty(SENT, List.class));
            repair.add(AiMessage.from(reply == null || reply.isBlank() ? "(empty)" : reply));
            repair.add(UserMessage.from(templates.fill("repair.user.txt", Map.of("problems", e.getMessage()))));
            exchange.getMessage().setHeader(REPAIR, true);
            return repair;
        }
    }

    /** Reads the reply to the repair request; still invalid means this summary fails. */
    public MeetingSummary readRepaired(Exchange exchange) throws InvalidSummaryException {
        try {
            return SummaryJson.read(exchange.getMessage().getBody(String.class));
        } catch (InvalidSummaryException e) {
            throw new InvalidSummaryException("the model's reply was not valid summary JSON, twice: " + e.getMessage());
        }
    }

    /** The transcript cut into parts that fit the tier in {@link #TIER}, each with its prompt. */
    public List<List<ChatMessage>> partPrompts(Exchange exchange) throws IOException {
        SummaryJob job = job(exchange);
        ModelTier tier = tiers.require(exchange.getMessage().getHeader(TIER, String.class));
        int overhead = TokenEstimate.of(partPrompt(job, "", 99, 99));
        int budget = tier.inputTokens() - overhead;
        if (budget < 4 * overlapTokens) {
            throw new IllegalStateException("model tier " + tier.name() + " leaves only " + budget + " tokens per"
                    + " part after the prompt; use a tier with a larger context for the parts");
        }
        List<String> parts = TranscriptParts.split(job.transcript().lines(), budget, overlapTokens);
        List<List<ChatMessage>> prompts = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            prompts.add(partPrompt(job, parts.get(i), i + 1, parts.size()));
        }
        exchange.setProperty(PART_SUMMARIES, Collections.synchronizedList(new ArrayList<MeetingSummary>()));
        String count = parts.size() + (parts.size() == 1 ? " part" : " parts");
        exchange.setProperty(HOW, count + " then combined, model tier " + tier.name());
        LOG.info("Summarizing {} in {} parts with model tier {}: {} prompt tokens estimated for the whole,"
                + " more than any tier takes", job.meeting().id(), parts.size(), tier,
                exchange.getMessage().getHeader(TOKENS));
        return prompts;
    }

    /** Marks a part's prompt as the one being sent (inside the split over the parts). */
    public List<ChatMessage> sendPart(Exchange exchange) {
        return sent(exchange, exchange.getMessage().getBody(List.class));
    }

    /** Keeps a part's summary, in the order of the parts. */
    public void keepPart(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<MeetingSummary> kept = exchange.getProperty(PART_SUMMARIES, List.class);
        kept.add(exchange.getMessage().getBody(MeetingSummary.class));
    }

    /** The prompt that combines the parts' summaries into the meeting's. */
    public List<ChatMessage> combinePrompt(Exchange exchange) throws IOException {
        SummaryJob job = job(exchange);
        @SuppressWarnings("unchecked")
        List<MeetingSummary> parts = exchange.getProperty(PART_SUMMARIES, List.class);
        StringBuilder summaries = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            summaries.append("Part ").append(i + 1).append(": ").append(SummaryJson.write(parts.get(i))).append('\n');
        }
        List<ChatMessage> prompt = templates.messages("combine", Map.of("title", job.meeting().title(), "parts",
                String.valueOf(parts.size()), "summaries", summaries.toString().strip()));
        ModelTier tier = tiers.require(exchange.getMessage().getHeader(TIER, String.class));
        int tokens = TokenEstimate.of(prompt);
        if (tokens > tier.inputTokens()) {
            throw new IllegalStateException("the " + parts.size() + " part summaries of " + job.meeting().id()
                    + " come to about " + tokens + " tokens, more than model tier " + tier.name() + " takes ("
                    + tier.inputTokens() + "); the meeting is too long for this tier");
        }
        return sent(exchange, prompt);
    }

    /**
     * Checks the evidence of every action item, writes the summary files, and makes the body the summary's text
     * for indexing. The header {@code TeammateSummaryFile} names the written {@code summary.json}, for the stages
     * that pass a summary on (Slack, tickets).
     */
    public ExtractedText finish(Exchange exchange) throws IOException, InvalidPayloadException {
        SummaryJob job = job(exchange);
        MeetingSummary stated = exchange.getMessage().getMandatoryBody(MeetingSummary.class);
        MeetingSummary checked = new EvidenceCheck(job.transcript().segments()).check(stated);
        String how = exchange.getProperty(HOW, String.class);
        SummaryFiles.write(job.folder(), job.meeting(), checked, how);
        exchange.getMessage().setHeader("TeammateSummaryFile", job.folder().resolve(SummaryFiles.JSON_FILE)
                .toAbsolutePath().toString());
        LOG.info("Summarized {} ({}): {} decisions, {} action items, {} unverified (quote not in the transcript)",
                job.meeting().id(), how, checked.decisions().size(), checked.actions().size(),
                checked.unverified().size());
        return SummaryFiles.searchable(job.meeting(), checked);
    }

    private List<ChatMessage> meetingPrompt(SummaryJob job) throws IOException {
        return templates.messages("meeting", Map.of("title", job.meeting().title(), "transcript",
                job.transcript().text()));
    }

    private List<ChatMessage> partPrompt(SummaryJob job, String part, int number, int count) throws IOException {
        return templates.messages("part", Map.of("title", job.meeting().title(), "part", String.valueOf(number),
                "parts", String.valueOf(count), "transcript", part));
    }

    private static List<ChatMessage> sent(Exchange exchange, List<ChatMessage> prompt) {
        exchange.setProperty(SENT, prompt);
        return prompt;
    }

    private static SummaryJob job(Exchange exchange) {
        return exchange.getProperty(SummaryQueue.JOB, SummaryJob.class);
    }
}
