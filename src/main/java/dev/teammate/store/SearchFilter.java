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

    /**
     * An instant as the first whole millisecond at or after it: chunk times are whole milliseconds, an instant may
     * carry finer parts. Beyond what epoch milliseconds hold: {@link Long#MIN_VALUE} or {@link Long#MAX_VALUE}.
     */
    public static long ceilMillis(Instant instant) {
        try {
            long floor = instant.toEpochMilli();
            return instant.getNano() % 1_000_000 == 0 ? floor : Math.addExact(floor, 1);
        } catch (ArithmeticException outOfRange) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    public boolean isEmpty() {
        return sources.isEmpty() && itemIds.isEmpty() && from == null && to == null;
    }
}
