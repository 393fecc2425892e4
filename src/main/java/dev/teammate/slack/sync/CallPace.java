package dev.teammate.slack.sync;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps calls of one Web API method at least a minimum interval apart, so a sync stays within the method's rate
 * limit instead of running into 429s. Slack counts per method, per workspace and per app, so one pace per method is
 * enough for a hub that is the app's only user.
 */
final class CallPace {

    private final Map<String, Duration> intervals;
    private final Map<String, Long> lastCall = new ConcurrentHashMap<>();

    /** {@code perMinute} maps a method to its most calls a minute; a method not named, or 0, is not paced. */
    CallPace(Map<String, Integer> perMinute) {
        this.intervals = new ConcurrentHashMap<>();
        perMinute.forEach((method, calls) -> {
            if (calls > 0) {
                intervals.put(method, Duration.ofNanos(60_000_000_000L / calls));
            }
        });
    }

    /** Waits until {@code method} may be called again, and counts this call. */
    synchronized void await(String method) throws InterruptedException {
        Duration interval = intervals.get(method);
        if (interval == null) {
            return;
        }
        Long last = lastCall.get(method);
        long now = System.nanoTime();
        if (last != null) {
            long wait = last + interval.toNanos() - now;
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                now = System.nanoTime();
            }
        }
        lastCall.put(method, now);
    }
}
