package dev.teammate.draft;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A kind of document the hub drafts (a PRD, a ticket, weekly wins), as declared by a file in
 * {@code templates/drafts/}: what to retrieve, which model tier writes it, and the instructions that give the
 * output its shape.
 *
 * @param name         the file name without {@code .md}; how requests and schedules name the template
 * @param title        what the document is called, for people
 * @param tier         the model tier that writes it
 * @param window       only items from this far back, or {@code null} for all time
 * @param sources      only items from these sources (empty: all)
 * @param queries      searches whose results the draft is built on; {@code {{topic}}} is the request's topic
 * @param perQuery     results taken from each search
 * @param maxSources   sources given to the model at most, over all searches
 * @param minSimilarity how close in meaning (cosine) some chunk must be to some query for the data to count as
 *                     holding anything for the draft; 0 for templates that take whatever the window holds
 * @param needsTopic   whether a request must give a topic ({@code topic: optional} in the header says it need not)
 * @param output       {@code markdown}, or {@code ticket} for a draft that also becomes a pending Jira ticket
 * @param instructions what the model is to write, and in which shape
 */
public record DraftTemplate(String name, String title, String tier, Duration window, Set<String> sources,
        List<String> queries, int perQuery, int maxSources, double minSimilarity, boolean needsTopic, String output,
        String instructions) {

    /** The searches for a topic; a query that is empty without a topic is left out. */
    public List<String> queries(String topic) {
        String filled = topic == null ? "" : topic.strip();
        List<String> result = new ArrayList<>();
        for (String query : queries) {
            String text = query.replace("{{topic}}", filled).strip();
            if (!text.isEmpty() && !result.contains(text)) {
                result.add(text);
            }
        }
        return result;
    }

    public boolean makesTicket() {
        return "ticket".equals(output);
    }
}
