package dev.teammate.summarize;

import java.util.List;

/**
 * What a meeting comes down to, as the model gave it and the hub checked it.
 *
 * @param summary    one paragraph, about 100 words
 * @param speakers   who spoke, each with their key points
 * @param decisions  what was decided
 * @param actions    action items whose evidence quote was found in the transcript
 * @param unverified action items whose quote is not in the transcript: kept apart, not passed off as fact
 */
public record MeetingSummary(String summary, List<SpeakerPoints> speakers, List<String> decisions,
        List<ActionItem> actions, List<ActionItem> unverified) {

    public MeetingSummary {
        speakers = List.copyOf(speakers);
        decisions = List.copyOf(decisions);
        actions = List.copyOf(actions);
        unverified = List.copyOf(unverified);
    }

    /** One speaker and what they brought. */
    public record SpeakerPoints(String name, List<String> points) {

        public SpeakerPoints {
            points = List.copyOf(points);
        }
    }

    /**
     * Something someone is to do.
     *
     * @param what  the task
     * @param owner who takes it, when the meeting named someone; else {@code null}
     * @param due   when it is due, as said (a date or words such as "Friday"); else {@code null}
     * @param quote the words of the transcript it rests on, verbatim
     * @param time  where those words are in the recording ({@code 00:41:07}), when the transcript is timed
     * @param note  why the item is unverified, or {@code null}
     */
    public record ActionItem(String what, String owner, String due, String quote, String time, String note) {

        ActionItem withEvidence(String foundTime, String why) {
            return new ActionItem(what, owner, due, quote, foundTime, why);
        }
    }
}
