package dev.teammate.hub;

import dev.teammate.audio.AudioDecoder;
import dev.teammate.audio.FfmpegBinary;
import dev.teammate.intake.FailedFileRecorder;
import dev.teammate.ledger.Ledger;
import dev.teammate.transcribe.RecordingCopies;
import dev.teammate.transcribe.RecordingQueue;
import dev.teammate.transcribe.RecordingTranscriber;
import dev.teammate.transcribe.TranscriptFiles;
import dev.teammate.transcribe.TranscriptionSteps;
import dev.teammate.transcribe.WhisperModelSlot;
import dev.teammate.transcribe.WhisperRecognizer.WhisperOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds the transcription stage's beans: {@code recordingQueue} and {@code transcription}, used by
 * {@code routes/transcribe.yaml}.
 */
final class TranscriptionWiring {

    private TranscriptionWiring() {
    }

    static void bind(CamelContext context, HubResources resources, Ledger ledger, FailedFileRecorder failedFiles) {
        Path binDir = HubConfiguration.folder(context, "teammate.bin.dir");
        Path modelsDir = HubConfiguration.folder(context, "teammate.models.dir");
        Path outputsDir = HubConfiguration.folder(context, "teammate.outputs.dir");
        int threads = HubSettings.integer(context, "teammate.whisper.threads");
        WhisperOptions options = new WhisperOptions(HubSettings.optional(context, "teammate.whisper.language"),
                threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                HubSettings.optional(context, "teammate.whisper.glossary"),
                Boolean.parseBoolean(HubSettings.text(context, "teammate.whisper.temperature-fallback")));

        AudioDecoder decoder = new AudioDecoder(new FfmpegBinary(binDir.resolve("ffmpeg")));
        WhisperModelSlot model = resources.add(new WhisperModelSlot(modelsDir,
                HubSettings.text(context, "teammate.whisper.model"), options, binDir));
        RecordingTranscriber transcriber = new RecordingTranscriber(decoder,
                HubSettings.integer(context, "teammate.transcribe.window-seconds"),
                Boolean.parseBoolean(HubSettings.text(context, "teammate.whisper.carry-prompt")),
                stopping(context)::get);

        context.getRegistry().bind("recordingQueue", new RecordingQueue(ledger, decoder, model,
                HubSettings.integer(context, "teammate.transcribe.max-attempts"), recordingCopies(context)));
        context.getRegistry().bind("transcription", new TranscriptionSteps(transcriber,
                new TranscriptFiles(outputsDir), failedFiles, ledger));
    }

    /** Where remote sources keep their recordings' local copies (see {@code DriveWiring}). */
    static RecordingCopies recordingCopies(CamelContext context) {
        return new RecordingCopies(HubConfiguration.folder(context, "teammate.sources.dir"));
    }

    /** Turns true when Camel begins to stop, so a long transcription ends after its current window. */
    private static AtomicBoolean stopping(CamelContext context) {
        AtomicBoolean stopping = new AtomicBoolean();
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                stopping.set(true);
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event.getType() == CamelEvent.Type.CamelContextStopping;
            }
        });
        return stopping;
    }
}
