package dev.teammate.llm;

import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

/** What went wrong when a chat model was asked, in words for a log line, a ledger reason or an API reply. */
public final class ModelErrors {

    private static final int MAX_CHARS = 300;

    private ModelErrors() {
    }

    /**
     * True when the endpoint could not be reached or did not answer in time, or answered that it is overloaded or
     * broken for now (LangChain4j's retriable errors: 408, 429, 5xx): worth trying again later without counting
     * against the work. False for errors a retry would repeat (a wrong model name, a bad key, an invalid request).
     */
    public static boolean unreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof NonRetriableException) {
                return false;
            }
            if (t instanceof RetriableException || t instanceof IOException || t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Like {@link #describe(Throwable)}, but a refused connection names the setting of the tier to check. */
    public static String describe(Throwable error, String tier) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "nothing listens at teammate.llm." + (tier == null ? "<tier>" : tier) + ".base-url";
            }
        }
        return describe(error);
    }

    /** The error's message, with its root cause's when that adds something, at most 300 characters. */
    public static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = error.getMessage() != null ? error.getMessage() : root.getClass().getSimpleName();
        if (root != error && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return message.length() > MAX_CHARS ? message.substring(0, MAX_CHARS) + "..." : message;
    }
}
