package dev.teammate.store;

import java.time.Instant;
import java.util.Set;

/**
 * Restricts a search. Empty sets and {@code null} bounds mean "no restriction".
 *
 * @param sources only chunks whose source is one of these ({@code file}, {@code drive}, ...)
 * @param itemIds only chunks of these items
 * @param from    only chunks whose item time is at or after this instant
 * @param to      only chunks whose item time is before this instant
 */
public record SearchFilter(Set<String> sources, Set<String> itemIds, Instant from, Instant to) {

    public static final SearchFilter NONE = new SearchFilter(Set.of(), Set.of(), null, null);

    public SearchFilter {
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        itemIds = itemIds == null ? Set.of() : Set.copyOf(itemIds);
    }

    public boolean isEmpty() {
        return sources.isEmpty() && itemIds.isEmpty() && from == null && to == null;
    }
}
