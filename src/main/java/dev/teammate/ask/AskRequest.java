package dev.teammate.ask;

import dev.teammate.store.SearchFilter;

/**
 * A question to answer from the hub's data.
 *
 * @param question what the person asks, as they wrote it
 * @param filter   which items may be used: by source, item and time
 * @param sources  how many chunks the answer may draw on at most
 */
public record AskRequest(String question, SearchFilter filter, int sources) {
}
