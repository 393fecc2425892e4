package dev.teammate.slack.post;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Markdown to Slack's mrkdwn, and cutting mrkdwn into pieces Slack takes. */
class SlackMrkdwnTest {

    private final MrkdwnConverter converter = new MrkdwnConverter();

    @Test
    void markdownBecomesMrkdwn() {
        String markdown = """
                # Checkout retries

                We **must** retry *declined* cards ~~twice~~ once; see [the spec](https://example.com/spec?a=1&b=2).

                ## Goals
                - fewer `failed <payments>`
                  - nested point
                - [ ] open task
                - [x] done task
                1. first
                > a quote with <angle> & ampersand
                ---
                | a | b |
                |---|---|
                | 1 | 2 |

                ```java
                if (a < b && **c**) { }
                ```
                """;

        String mrkdwn = converter.convert(markdown);

        assertThat(mrkdwn.lines().toList()).containsSubsequence(
                "*Checkout retries*",
                "We *must* retry _declined_ cards ~twice~ once; see <https://example.com/spec?a=1&amp;b=2|the spec>.",
                "*Goals*",
                "• fewer `failed &lt;payments&gt;`",
                "    ◦ nested point",
                "• ☐ open task",
                "• ☑ done task",
                "1. first",
                "> a quote with &lt;angle&gt; &amp; ampersand",
                "```",
                "| a | b |",
                "| 1 | 2 |",
                "```",
                "```",
                "if (a &lt; b &amp;&amp; **c**) { }",
                "```");
        assertThat(mrkdwn).doesNotContain("java").doesNotContain("# ");
        assertThat(mrkdwn.lines()).doesNotContain("---");
    }

    @Test
    void longTextIsCutBetweenParagraphsThenLinesThenWords() {
        MrkdwnSplitter splitter = new MrkdwnSplitter(120);
        String paragraph = "word ".repeat(15).strip();
        String text = paragraph + "\n\n" + paragraph + "\n\n" + "x".repeat(300) + "\n" + "long ".repeat(60).strip();

        List<String> pieces = splitter.split(text);

        assertThat(pieces).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(120));
        // Two paragraphs do not fit in one piece together, so each is a piece of its own, whole.
        assertThat(pieces.subList(0, 2)).containsExactly(paragraph, paragraph);
        // Only the 300-character word had to be cut inside; every character is still there, in order.
        assertThat(String.join("", pieces).replaceAll("\\s+", "")).isEqualTo(text.replaceAll("\\s+", ""));
        assertThat(pieces).contains("x".repeat(120));
    }

    @Test
    void aCutCodeBlockIsClosedAndOpenedAgain() {
        MrkdwnSplitter splitter = new MrkdwnSplitter(100);
        StringBuilder code = new StringBuilder("```\n");
        for (int i = 0; i < 20; i++) {
            code.append("line ").append(i).append('\n');
        }
        code.append("```");

        List<String> pieces = splitter.split("Intro\n\n" + code);

        assertThat(pieces.size()).isGreaterThan(1);
        for (String piece : pieces.subList(1, pieces.size())) {
            assertThat(piece).startsWith("```\n").endsWith("\n```");
            assertThat(piece.length()).isLessThanOrEqualTo(100);
        }
        assertThat(String.join("\n", pieces).replace("```", "")).contains("line 0").contains("line 19");
    }

    static String words(String text) {
        return String.join(" ", text.strip().split("\\s+"));
    }
}
