package dev.teammate.transcribe;

import dev.teammate.extract.ExtractedText;
import dev.teammate.extract.Segment;

import java.util.List;

/**
 * What transcription made of one recording.
 *
 * @param segments     speech in order, each with start and end in seconds from the start of the recording; no
 *                     speaker names (whisper does not tell speakers apart)
 * @param audioSeconds length of the decoded audio
 * @param model        the model file's name, for example {@code ggml-base.en.bin}
 * @param language     the language asked for ({@code auto} when whisper detected it)
 */
public record Transcript(List<Segment> segments, double audioSeconds, String model, String language) {

    public Transcript {
        segments = List.copyOf(segments);
    }

    /** The transcript as text to index, with a title for the item. */
    public ExtractedText asText(String title) {
        return new ExtractedText(title, segments, true);
    }
}
