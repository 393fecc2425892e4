package dev.teammate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Product-team prose for benchmarks: meeting notes and specs assembled from varied sentences, so the tokenizer,
 * the chunker and the embedding model see text shaped like the real thing. Seeded, so every run embeds the same text.
 */
final class BenchCorpus {

    private static final String[] SUBJECTS = {"The payments team", "Our mobile squad", "The growth group",
        "Support leadership", "The platform crew", "Design", "The data team", "Security", "The checkout team",
        "Customer success"};
    private static final String[] VERBS = {"decided to", "plans to", "agreed to", "will try to", "needs to",
        "proposed to", "was asked to", "committed to"};
    private static final String[] ACTIONS = {"migrate the billing service to the new provider",
        "retry failed card charges with exponential backoff", "ship offline mode for the field app",
        "reduce onboarding time for enterprise customers", "rewrite the search ranking with embeddings",
        "move the primary database to a managed cluster", "launch the annual pricing experiment",
        "cut the p99 latency of the orders API in half", "add single sign-on with SAML and SCIM",
        "publish the dark theme for the dashboard", "automate the weekly churn report",
        "review every urgent ticket within one hour", "replace the legacy notification queue",
        "localize the checkout into German and Japanese", "instrument the funnel from signup to first invoice"};
    private static final String[] TAILS = {"before the end of the quarter", "by Friday", "after the security review",
        "once legal signs off", "in the next sprint", "if the experiment holds up", "with help from the SRE rotation",
        "pending the vendor's answer", "as tracked in PAY-1432", "and report back at the demo"};
    private static final String[] CONTEXT = {"Customers reported", "The last incident showed", "Analytics suggests",
        "Sales keeps hearing", "The retro concluded", "Three enterprise accounts asked"};
    private static final String[] FINDINGS = {"that declines spike on Mondays", "that the export times out for large "
        + "accounts", "that people abandon the form at the address step", "that alerts fire too late",
        "that onboarding emails land in spam", "that the search misses obvious synonyms"};

    private BenchCorpus() {
    }

    static List<String> documents(int count, int wordsEach, long seed) {
        Random random = new Random(seed);
        List<String> documents = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
            StringBuilder text = new StringBuilder("# Notes ").append(d + 1).append("\n\n");
            int words = 0;
            while (words < wordsEach) {
                StringBuilder paragraph = new StringBuilder();
                int sentences = 3 + random.nextInt(4);
                for (int s = 0; s < sentences; s++) {
                    String sentence = random.nextInt(3) == 0
                            ? pick(random, CONTEXT) + " " + pick(random, FINDINGS) + ". "
                            : pick(random, SUBJECTS) + " " + pick(random, VERBS) + " " + pick(random, ACTIONS) + " "
                                    + pick(random, TAILS) + ". ";
                    paragraph.append(sentence);
                    words += sentence.split(" ").length;
                }
                text.append(paragraph.toString().strip()).append("\n\n");
            }
            documents.add(text.toString());
        }
        return documents;
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
