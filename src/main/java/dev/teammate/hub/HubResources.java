package dev.teammate.hub;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes what the hub opened (store, ledger, tokenizer, thread pools) when Camel stops, in the reverse order of
 * opening, after the routes have stopped.
 */
final class HubResources extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(HubResources.class);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    ExecutorService addExecutor(ExecutorService executor) {
        opened.push(() -> {
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        });
        return executor;
    }

    @Override
    protected void doStop() {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Could not close {}: {}", resource, e.getMessage());
            }
        }
    }
}
