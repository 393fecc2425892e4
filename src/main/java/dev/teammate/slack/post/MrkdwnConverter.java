package dev.teammate.slack.post;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Markdown document (a drafted PRD, weekly wins, a summary) into Slack's own markup, mrkdwn, which looks
 * like Markdown but is not: bold is {@code *x*}, italic {@code _x_}, strike {@code ~x~}, links {@code <url|text>}, and
 * {@code &}, {@code <}, {@code >} must be sent as entities or Slack takes them for markup.
 *
 * <p>What changes: headings become bold lines; {@code **x**} and {@code __x__} become {@code *x*}, {@code *x*} becomes
 * {@code _x_}, {@code ~~x~~} becomes {@code ~x~}; links and images become {@code <url|text>}; bullets become
 * {@code •} (nested ones {@code ◦}), task boxes {@code ☐}/{@code ☑}; tables, which Slack cannot show, are
 * kept as code so their columns still line up; horizontal rules become a blank line. Numbered lists, quotes and
 * fenced code are kept (code without its language tag, which Slack would print). Code is never reformatted.
 */
public final class MrkdwnConverter {

    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*$");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s{0,3}([-*_])(\\s*\\1){2,}\\s*$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+]\\s+(?:\\[([ xX])]\\s+)?(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^(\\s*)(\\d{1,9}[.)])\\s+(.*)$");
    private static final Pattern QUOTE = Pattern.compile("^\\s{0,3}>\\s?(.*)$");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\s*\\|.*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    // [text](url "title"), ![alt](url), <https://autolink>
    private static final Pattern LINK = Pattern.compile(
            "!?\\[([^\\]]*)]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)|<((?:https?|mailto):[^>\\s]+)>");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*|__(?=\\S)(.+?)(?<=\\S)__");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w*])\\*(?=\\S)(.+?)(?<=\\S)\\*(?![\\w*])");
    private static final Pattern STRIKE = Pattern.compile("~~(?=\\S)(.+?)(?<=\\S)~~");
    // Stands for a bold asterisk while single asterisks are turned into italics.
    private static final char BOLD_MARK = '\u0002';

    /** The document in mrkdwn, line for line. */
    public String convert(String markdown) {
        List<String> out = new ArrayList<>();
        String[] lines = markdown.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        boolean inFence = false;
        boolean inTable = false;
        for (String line : lines) {
            if (FENCE.matcher(line).matches()) {
                closeTable(out, inTable);
                inTable = false;
                inFence = !inFence;
                out.add("```");
                continue;
            }
            if (inFence) {
                out.add(escape(line));
                continue;
            }
            boolean tableRow = TABLE_ROW.matcher(line).matches();
            if (tableRow != inTable) {
                out.add("```");
                inTable = tableRow;
            }
            out.add(inTable ? escape(line.strip()) : block(line));
        }
        if (inFence || inTable) {
            // An unclosed fence in the draft would otherwise swallow the rest of the channel's formatting.
            out.add("```");
        }
        return String.join("\n", out).strip();
    }

    private static void closeTable(List<String> out, boolean inTable) {
        if (inTable) {
            out.add("```");
        }
    }

    private String block(String line) {
        Matcher heading = HEADING.matcher(line);
        if (heading.matches()) {
            String text = heading.group(1).replace("**", "").replace("__", "");
            return text.isEmpty() ? "" : "*" + inline(text) + "*";
        }
        if (RULE.matcher(line).matches()) {
            return "";
        }
        Matcher bullet = BULLET.matcher(line);
        if (bullet.matches()) {
            int level = indentLevel(bullet.group(1));
            String box = bullet.group(2) == null ? "" : bullet.group(2).isBlank() ? "☐ " : "☑ ";
            return "    ".repeat(level) + (level == 0 ? "• " : "◦ ") + box + inline(bullet.group(3));
        }
        Matcher numbered = NUMBERED.matcher(line);
        if (numbered.matches()) {
            return "    ".repeat(indentLevel(numbered.group(1))) + numbered.group(2) + " " + inline(numbered.group(3));
        }
        Matcher quote = QUOTE.matcher(line);
        if (quote.matches()) {
            return "> " + inline(quote.group(1));
        }
        return inline(line.strip());
    }

    private static int indentLevel(String indent) {
        int columns = indent.replace("\t", "    ").length();
        return columns / 2 > 0 ? Math.min(columns / 2, 4) : 0;
    }

    /** One line's inline markup; code spans are left alone but for escaping. */
    String inline(String text) {
        StringBuilder out = new StringBuilder();
        Matcher code = CODE_SPAN.matcher(text);
        int at = 0;
        while (code.find()) {
            out.append(links(text.substring(at, code.start())));
            out.append('`').append(escape(code.group(2))).append('`');
            at = code.end();
        }
        out.append(links(text.substring(at)));
        return out.toString();
    }

    private static String links(String text) {
        StringBuilder out = new StringBuilder();
        Matcher link = LINK.matcher(text);
        int at = 0;
        while (link.find()) {
            out.append(emphasis(escape(text.substring(at, link.start()))));
            if (link.group(3) != null) {
                out.append('<').append(escape(link.group(3))).append('>');
            } else {
                String label = link.group(1).replaceAll("[*_~`]", "").strip();
                out.append('<').append(escape(link.group(2)));
                if (!label.isEmpty()) {
                    out.append('|').append(escape(label).replace("|", "¦"));
                }
                out.append('>');
            }
            at = link.end();
        }
        out.append(emphasis(escape(text.substring(at))));
        return out.toString();
    }

    private static String emphasis(String text) {
        String marked = BOLD.matcher(text).replaceAll(match -> Matcher.quoteReplacement(
                BOLD_MARK + (match.group(1) != null ? match.group(1) : match.group(2)) + BOLD_MARK));
        String italic = ITALIC.matcher(marked).replaceAll("_$1_");
        return STRIKE.matcher(italic).replaceAll("~$1~").replace(BOLD_MARK, '*');
    }

    /** Slack reads these three characters as markup; as entities they show as themselves. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
