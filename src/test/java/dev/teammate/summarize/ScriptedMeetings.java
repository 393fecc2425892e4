package dev.teammate.summarize;

import dev.teammate.llm.FakeChatServer.Reply;
import dev.teammate.llm.FakeChatServer.Request;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Meetings as WebVTT files for tests, and the answers of a well-behaved scripted model about them. */
public final class ScriptedMeetings {

    private static final Pattern LINE = Pattern.compile("^\\[(\\d\\d:\\d\\d:\\d\\d)] [A-Za-z]+: (.+)$",
            Pattern.MULTILINE);
    private static final String[] SPEAKERS = {"Dana", "Ravi", "Mei"};

    private ScriptedMeetings() {
    }

    /** A WebVTT transcript of {@code cues} speaker turns, a few seconds apart. */
    public static String meeting(String topic, int cues) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
        for (int i = 0; i < cues; i++) {
            int start = 5 + i * 7;
            vtt.append(String.format(Locale.ROOT, "%s --> %s%n<v %s>Turn %d on %s: we look at the retry budget and"
                    + " who owns the next step.%n%n", clock(start), clock(start + 6), SPEAKERS[i % 3], i, topic));
        }
        return vtt.toString();
    }

    private static String clock(int seconds) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d.000", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** Answers like a well-behaved model: quotes really come from the transcript it was given. */
    public static Reply honestModel(Request request) {
        String system = request.systemText();
        if (system.contains("combine the summaries")) {
            return Reply.text(summaryJson("the whole long meeting", quoteFromParts(request.userText())));
        }
        Matcher first = LINE.matcher(request.userText());
        if (!first.find()) {
            return Reply.text("{}");
        }
        return Reply.text(summaryJson("part", List.of(first.group(2), first.group(1))));
    }

    /** The first action item's quote in a combine request, which quotes the parts' summaries. */
    private static List<String> quoteFromParts(String userText) {
        Matcher quote = Pattern.compile("\"quote\":\"([^\"]+)\",\"time\":\"([^\"]+)\"").matcher(userText);
        return quote.find() ? List.of(quote.group(1), quote.group(2)) : List.of("none", "00:00:00");
    }

    public static String summaryJson(String summary, List<String> quoteAndTime) {
        return """
                {"summary": "%s", "speakers": [{"name": "Dana", "points": ["wants the retry budget fixed"]}],
                 "decisions": ["Ship the retry budget before the redesign"],
                 "action_items": [{"what": "Fix the retry budget", "owner": "Ravi", "due": "Friday",
                                   "quote": "%s", "time": "%s"}]}""".formatted(summary, quoteAndTime.get(0),
                quoteAndTime.get(1));
    }

}
