package dev.teammate.drive;

import dev.teammate.hub.TestHub;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.LongStream;

/**
 * For many seeds, a random life of a watched Drive folder (adds, edits, renames, deletes, trash and restore, moves of
 * files and folders in and out) interleaved with syncs and hub restarts; after a final sync the hub holds exactly
 * Drive's current content: every watched file at its current version, its chunks once, nothing else. A failure names
 * the seed and the steps. The restarts here stop the hub; {@code DriveCrashSyncTest} kills it.
 */
class DriveSyncPropertyTest {

    private static final Duration SYNC = Duration.ofSeconds(60);
    private static final int STEPS = 14;

    @TempDir
    Path temp;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 25);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theStoreMirrorsDriveAfterAnyHistory(long seed) throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve("seed-" + seed));
        try (FakeDriveServer drive = new FakeDriveServer()) {
            DriveWorld world = new DriveWorld(drive, seed);
            world.seed(3 + world.random().nextInt(6));
            Properties settings = DriveHubs.settings(drive, DriveWorld.ROOT, 150);
            TestHub hub = TestHub.start(dataDir, settings);
            try {
                for (int step = 0; step < STEPS; step++) {
                    int pick = world.random().nextInt(100);
                    if (pick < 12) {
                        world.note("restart");
                        hub.close();
                        hub = TestHub.start(dataDir, settings);
                    } else if (pick < 30) {
                        world.note("sync");
                        DriveHubs.awaitSync(hub, SYNC);
                    } else {
                        world.change();
                    }
                }
                world.note("final sync");
                DriveHubs.awaitSync(hub, SYNC);
                world.assertMirrored(hub.ledger(), hub.store());
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " failed: " + e.getMessage() + "\nsteps: "
                        + String.join("; ", world.log()), e);
            } finally {
                hub.close();
            }
        }
    }
}
