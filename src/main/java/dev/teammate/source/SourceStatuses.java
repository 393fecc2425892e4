package dev.teammate.source;

import dev.teammate.ledger.Ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/**
 * The status of every source the hub syncs (bean {@code sources}). Each source registers itself at start and reports
 * each sync's start, success or failure; the time of the last success is kept in the ledger (as the cursor named
 * {@code <source>#last-success}), so it survives a restart. Error messages must already be free of secrets.
 */
public class SourceStatuses {

    private static final String LAST_SUCCESS = "#last-success";

    private final Ledger ledger;
    private final Clock clock;
    private final Map<String, SourceStatus> statuses = new ConcurrentSkipListMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public SourceStatuses(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Adds a source; one that is not enabled is listed as off. */
    public void register(String name, boolean enabled, String description) {
        Instant lastSuccess = ledger.cursor(name + LAST_SUCCESS).map(Instant::parse).orElse(null);
        statuses.put(name, new SourceStatus(name, enabled, description, null, lastSuccess, 0, 0, null, null));
    }

    public void started(String name) {
        update(name, s -> new SourceStatus(s.name(), s.enabled(), s.description(), clock.instant(), s.lastSuccess(),
                s.lastChanged(), s.errorsInARow(), s.lastError(), null));
    }

    /** A sync finished; {@code changed} items were added, changed or removed. */
    public void succeeded(String name, int changed, Instant nextAttempt) {
        Instant now = clock.instant();
        ledger.saveCursor(name + LAST_SUCCESS, now.toString());
        update(name, s -> new SourceStatus(s.name(), s.enabled(), s.description(), s.lastAttempt(), now, changed, 0,
                null, nextAttempt));
    }

    /** A sync failed; {@code error} says why, for a person, without secrets. */
    public void failed(String name, String error, Instant nextAttempt) {
        update(name, s -> new SourceStatus(s.name(), s.enabled(), s.description(), s.lastAttempt(), s.lastSuccess(),
                s.lastChanged(), s.errorsInARow() + 1, error, nextAttempt));
    }

    public List<SourceStatus> all() {
        return new ArrayList<>(statuses.values());
    }

    public SourceStatus get(String name) {
        return statuses.get(name);
    }

    private void update(String name, UnaryOperator<SourceStatus> change) {
        synchronized (locks.computeIfAbsent(name, n -> new Object())) {
            SourceStatus current = statuses.get(name);
            if (current == null) {
                throw new IllegalStateException("source " + name + " reports before it registered");
            }
            statuses.put(name, change.apply(current));
        }
    }
}
