package dev.teammate.drive;

import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Runs one Drive call with the retries Google asks clients for: a 429, or a 403 whose reason is a rate limit, waits
 * the {@code Retry-After} Drive gives or else backs off exponentially; a 5xx or a network failure backs off and tries
 * again. A 401 that is still there after the credential's own token refresh, or a refused refresh, ends the run at
 * once with a {@link DriveUnavailableException} that says why; any other client error is a
 * {@link DriveRefusedException}, which the caller may take as being about one file only.
 */
public class DriveCalls {

    /** One call to Drive, which may throw what Google's client throws. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DriveCalls.class);
    private static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded");

    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration maxWait;

    /**
     * @param maxAttempts  tries of one call before the run fails
     * @param firstBackoff the wait before the first retry; each next one doubles
     * @param maxWait      the longest single wait, whether backing off or honouring a {@code Retry-After}
     */
    public DriveCalls(int maxAttempts, Duration firstBackoff, Duration maxWait) {
        this.maxAttempts = Math.max(1, maxAttempts);
        this.firstBackoff = firstBackoff;
        this.maxWait = maxWait;
    }

    /** Runs {@code call}; {@code what} names it in logs and errors ("changes.list", "files.export of drive:x"). */
    public <T> T run(String what, Call<T> call) {
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            String problem;
            try {
                return call.run();
            } catch (TokenResponseException e) {
                throw new DriveUnavailableException(what + ": the OAuth token endpoint refused to refresh the access"
                        + " token (" + tokenError(e) + "); check the Drive credentials (TEAMMATE_DRIVE_*)", e);
            } catch (HttpResponseException e) {
                int status = e.getStatusCode();
                String reason = reason(e);
                problem = "HTTP " + status + (reason.isEmpty() ? "" : " " + reason);
                if (status == 401) {
                    throw new DriveUnavailableException(what + ": Drive refused the credentials (" + problem
                            + ") and a new access token did not help (the refresh token or key may be revoked or"
                            + " wrong); check the Drive credentials (TEAMMATE_DRIVE_*)", e);
                }
                boolean rateLimited = status == 429 || (status == 403 && RATE_LIMIT_REASONS.contains(reason));
                if (!rateLimited && status < 500) {
                    throw new DriveRefusedException(what + ": Drive answered " + problem + ": " + message(e), status,
                            e);
                }
                Duration retryAfter = rateLimited ? retryAfter(e) : null;
                wait = retryAfter != null ? min(retryAfter, maxWait) : backoff(attempt);
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                wait = backoff(attempt);
                if (attempt >= maxAttempts) {
                    throw new DriveUnavailableException(what + ": Drive could not be reached after " + attempt
                            + " tries (" + problem + ")", e);
                }
            }
            if (attempt >= maxAttempts) {
                throw new DriveUnavailableException(what + ": Drive still answered " + problem + " after " + attempt
                        + " tries", null);
            }
            LOG.info("Drive {}: {}; trying again in {} ms (try {} of {})", what, problem, wait.toMillis(),
                    attempt + 1, maxAttempts);
            sleep(wait, what);
        }
    }

    private Duration backoff(int attempt) {
        long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
        // A little jitter keeps several hubs that failed together from retrying in step.
        millis += (long) (Math.random() * firstBackoff.toMillis() / 2);
        return min(Duration.ofMillis(millis), maxWait);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The wait a {@code Retry-After} header asks for, in seconds; {@code null} when there is none. */
    private static Duration retryAfter(HttpResponseException e) {
        Object header = e.getHeaders() == null ? null : e.getHeaders().get("retry-after");
        if (header instanceof Iterable<?> values && values.iterator().hasNext()) {
            header = values.iterator().next();
        }
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.toString().strip())));
        } catch (NumberFormatException notSeconds) {
            // An HTTP date is allowed too; Drive sends seconds, so a date falls back to the backoff.
            return null;
        }
    }

    private static String reason(HttpResponseException e) {
        if (e instanceof GoogleJsonResponseException json && json.getDetails() != null) {
            GoogleJsonError details = json.getDetails();
            if (details.getErrors() != null && !details.getErrors().isEmpty()
                    && details.getErrors().get(0).getReason() != null) {
                return details.getErrors().get(0).getReason();
            }
        }
        return "";
    }

    private static String message(HttpResponseException e) {
        if (e instanceof GoogleJsonResponseException json && json.getDetails() != null
                && json.getDetails().getMessage() != null) {
            return json.getDetails().getMessage();
        }
        return e.getStatusMessage() == null ? "no details" : e.getStatusMessage();
    }

    private static String tokenError(TokenResponseException e) {
        if (e.getDetails() != null && e.getDetails().getError() != null) {
            return "HTTP " + e.getStatusCode() + " " + e.getDetails().getError();
        }
        return "HTTP " + e.getStatusCode();
    }

    private static void sleep(Duration wait, String what) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriveUnavailableException(what + ": interrupted while waiting to retry (the hub is stopping)", e);
        }
    }
}
