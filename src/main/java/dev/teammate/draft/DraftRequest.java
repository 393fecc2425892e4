package dev.teammate.draft;

import dev.teammate.store.SearchFilter;

/**
 * A document to draft.
 *
 * @param template the draft template's name ({@code prd}, {@code weekly-wins})
 * @param topic    what the document is about; may be empty for templates that need none (weekly wins)
 * @param filter   restrictions on top of the template's own (sources, items, time)
 */
public record DraftRequest(String template, String topic, SearchFilter filter) {
}
