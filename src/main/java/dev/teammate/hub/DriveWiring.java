package dev.teammate.hub;

import com.google.api.services.drive.Drive;
import dev.teammate.drive.DriveCalls;
import dev.teammate.drive.DriveChangeFeed;
import dev.teammate.drive.DriveClientFactory;
import dev.teammate.drive.DriveFileSteps;
import dev.teammate.drive.DriveListing;
import dev.teammate.drive.DriveSync;
import dev.teammate.drive.DriveWatch;
import dev.teammate.extract.TextExtractor;
import dev.teammate.index.IndexSteps;
import dev.teammate.ledger.Ledger;
import dev.teammate.source.SourceStatuses;
import org.apache.camel.CamelContext;
import org.apache.camel.component.google.drive.GoogleDriveComponent;
import org.apache.camel.component.google.drive.GoogleDriveConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Builds the beans of {@code routes/drive.yaml}: {@code driveSync} (a run: what to do, and the cursor once done),
 * {@code driveFiles} (one file: describe, fetch, remove) and {@code drivePool} (the threads handling files in
 * parallel), and configures the {@code google-drive} component with the hub's client factory and credentials. Drive
 * is off, and listed as off in {@code sources}, unless folders or shared drives are configured and credentials are
 * in the environment.
 */
public final class DriveWiring {

    private static final Logger LOG = LoggerFactory.getLogger(DriveWiring.class);
    private static final String SCOPE = "https://www.googleapis.com/auth/drive.readonly";

    private DriveWiring() {
    }

    static void bind(CamelContext context, HubResources resources, Ledger ledger, TextExtractor extractor,
            IndexSteps indexer, SourceStatuses sources) {
        DriveWatch watch = DriveWatch.parse(HubSettings.optional(context, "teammate.drive.folders"),
                HubSettings.optional(context, "teammate.drive.shared-drives"));
        GoogleDriveConfiguration credentials = credentials(context);
        boolean on = !watch.isEmpty() && credentials != null;

        DriveClientFactory factory = new DriveClientFactory(HubSettings.text(context, "teammate.drive.api-url"),
                HubSettings.text(context, "teammate.drive.token-url"), 20_000, 120_000);
        Supplier<Drive> client = () -> {
            throw new IllegalStateException("Drive is off: no folders or drives configured, or no credentials");
        };
        if (on) {
            GoogleDriveComponent component = new GoogleDriveComponent(context);
            component.setConfiguration(credentials);
            component.setClientFactory(factory);
            context.addComponent("google-drive", component);
            client = () -> component.getClient(credentials);
        }

        DriveCalls calls = new DriveCalls(HubSettings.integer(context, "teammate.drive.max-attempts"),
                Duration.ofMillis(HubSettings.integer(context, "teammate.drive.retry-ms")),
                Duration.ofMillis(HubSettings.integer(context, "teammate.drive.max-wait-ms")));
        int pageSize = HubSettings.integer(context, "teammate.drive.page-size");
        Duration interval = Duration.ofMillis(HubSettings.integer(context, "teammate.drive.poll-ms"));
        Path workDir = HubConfiguration.folder(context, "teammate.drive.dir");

        DriveSync sync = new DriveSync(on, watch, client, new DriveListing(calls, pageSize),
                new DriveChangeFeed(calls, pageSize), ledger, sources, interval,
                Duration.ofMillis(HubSettings.integer(context, "teammate.drive.max-backoff-ms")), Clock.systemUTC());
        DriveFileSteps files = new DriveFileSteps(client, calls, extractor, indexer, ledger,
                TranscriptionWiring.recordingCopies(context), workDir);
        context.getRegistry().bind("driveSync", sync);
        context.getRegistry().bind("driveFiles", files);
        context.getRegistry().bind("drivePool",
                resources.addExecutor(pool(HubSettings.integer(context, "teammate.drive.parallel-files"))));

        if (on) {
            sources.register(DriveSync.SOURCE, true, watch.describe());
            LOG.info("Drive: syncing {} every {} s through {}", watch.describe(), interval.toSeconds(),
                    HubSettings.text(context, "teammate.drive.api-url"));
        } else {
            String why = watch.isEmpty()
                    ? "no folders or shared drives configured (teammate.drive.folders, teammate.drive.shared-drives)"
                    : "no credentials in the environment (TEAMMATE_DRIVE_SERVICE_ACCOUNT, or TEAMMATE_DRIVE_CLIENT_ID,"
                    + " TEAMMATE_DRIVE_CLIENT_SECRET and TEAMMATE_DRIVE_REFRESH_TOKEN)";
            sources.register(DriveSync.SOURCE, false, "off: " + why);
            LOG.info("Drive is off: {}", why);
        }
    }

    /** The credentials from the environment, never logged; {@code null} when there are none. */
    private static GoogleDriveConfiguration credentials(CamelContext context) {
        GoogleDriveConfiguration configuration = new GoogleDriveConfiguration();
        configuration.setScopes(SCOPE);
        configuration.setApplicationName("Teammate");
        String serviceAccount = HubSettings.optional(context, "teammate.drive.service-account");
        String clientId = HubSettings.optional(context, "teammate.drive.client-id");
        String clientSecret = HubSettings.optional(context, "teammate.drive.client-secret");
        String refreshToken = HubSettings.optional(context, "teammate.drive.refresh-token");
        if (clientId != null && clientSecret != null && refreshToken != null) {
            configuration.setClientId(clientId);
            configuration.setClientSecret(clientSecret);
            configuration.setRefreshToken(refreshToken);
            return configuration;
        }
        if (serviceAccount != null) {
            configuration.setServiceAccountKey(serviceAccount);
            return configuration;
        }
        return null;
    }

    private static ExecutorService pool(int threads) {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "drive-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
