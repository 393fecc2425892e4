package dev.teammate.drive;

import dev.teammate.audio.TestRecordings;
import dev.teammate.hub.TestHub;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.transcribe.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recording in Drive is downloaded under a name made from its file id, transcribed by whisper (a random-weight
 * test model) and its transcript indexed, while the item keeps Drive's web link; trashing it removes the item and
 * the local copy.
 */
class DriveRecordingTest {

    @TempDir
    Path dataDir;

    @Test
    void aDriveRecordingIsTranscribedAndIndexedUnderItsDriveLink() throws Exception {
        TestModels.install(TestModels.tinyEn(), dataDir.resolve("models"), "ggml-tiny.en.bin");
        try (FakeDriveServer drive = new FakeDriveServer()) {
            String root = drive.addRootFolder("0Arecordings", "Calls");
            String call = drive.addFile("../../Standup call.wav", "audio/wav", root,
                    Files.readAllBytes(TestRecordings.jfk()));
            String itemId = "drive:" + call;
            Properties settings = DriveHubs.settings(drive, root, 500);
            settings.setProperty("teammate.whisper.model", "tiny.en");
            try (TestHub hub = TestHub.start(dataDir, settings)) {
                TestHub.await(Duration.ofMinutes(3), itemId + " to be transcribed and indexed",
                        () -> hub.status(itemId) == ItemStatus.INDEXED);
                LedgerEntry entry = hub.entry(itemId).orElseThrow();
                assertThat(entry.link()).startsWith("https://drive.google.com/file/d/" + call);
                assertThat(entry.title()).isEqualTo("../../Standup call.wav");
                assertThat(entry.version()).isEqualTo(drive.expectedVersion(call));
                assertThat(hub.store().chunkIds(itemId)).isNotEmpty();
                Path copies = dataDir.resolve("sources/drive/recordings");
                try (Stream<Path> files = Files.list(copies)) {
                    List<String> names = files.map(f -> f.getFileName().toString()).toList();
                    assertThat(names).hasSize(1);
                    assertThat(names.get(0)).startsWith("drive_" + call).endsWith(".wav").doesNotContain("Standup");
                }

                // Later syncs leave it alone; trashing it removes the item, its chunks and the local copy.
                DriveHubs.awaitSync(hub, Duration.ofSeconds(60));
                assertThat(hub.status(itemId)).isEqualTo(ItemStatus.INDEXED);
                drive.trash(call);
                DriveHubs.awaitSync(hub, Duration.ofSeconds(60));
                assertThat(hub.entry(itemId)).isEmpty();
                assertThat(hub.store().chunkIds(itemId)).isEmpty();
                try (Stream<Path> files = Files.list(copies)) {
                    assertThat(files).isEmpty();
                }
            }
        }
    }
}
