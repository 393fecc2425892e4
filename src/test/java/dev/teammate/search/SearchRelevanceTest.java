package dev.teammate.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teammate.hub.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hybrid search on a small corpus of a product team's documents: the right document ranks first both for questions
 * that share no word with it (found by meaning) and for exact identifiers that carry no meaning (found by keyword).
 */
class SearchRelevanceTest {

    private static final Map<String, String> CORPUS = Map.of(
            "payments/retries.md", """
                    # Card charge retries
                    When a card charge is declined for a soft reason we try again after one hour, six hours and a day.
                    After the third decline the subscription is paused and the customer receives an email.
                    Engineering work is tracked in PAY-1432.""",
            "mobile/offline.md", """
                    # Offline mode for the field app
                    Technicians lose signal in basements. The app stores inspections on the phone and uploads them
                    when the connection returns, resolving conflicts by keeping the newest edit.""",
            "people/onboarding.md", """
                    # New hire onboarding
                    Every new engineer gets a buddy for the first month, a laptop on day one, and ships a small change
                    to production during the first week.""",
            "infra/postgres-upgrade.md", """
                    # Database upgrade plan
                    We move the primary cluster from PostgreSQL 13 to 16 with logical replication, switch over during
                    the Sunday maintenance window and keep the old cluster for a week as a fallback. See OPS-77.""",
            "growth/pricing.md", """
                    # Pricing experiment
                    The annual plan gets a 20 percent discount for three months; we compare conversion against the
                    control group and stop early if churn rises.""",
            "support/sla.md", """
                    # Support response targets
                    Urgent tickets are answered within one hour around the clock; normal tickets within one business
                    day. Breaches are reviewed every Monday.""",
            "security/sso.md", """
                    # Single sign-on
                    Enterprise customers can log in through Okta or Azure AD with SAML. Accounts are provisioned with
                    SCIM and deprovisioned within fifteen minutes of leaving the identity provider.""",
            "design/dark-mode.md", """
                    # Dark theme
                    The web dashboard follows the operating system's colour preference. Charts use a palette checked
                    for contrast against the black background.""");

    @TempDir
    static Path dataDir;

    private static TestHub hub;

    @BeforeAll
    static void indexCorpus() throws Exception {
        hub = TestHub.start(dataDir);
        for (Map.Entry<String, String> document : CORPUS.entrySet()) {
            hub.drop(document.getKey(), document.getValue());
        }
        hub.awaitInboxEmpty(java.time.Duration.ofSeconds(120));
        assertThat(hub.ledger().countByStatus().get(dev.teammate.ledger.ItemStatus.INDEXED)).isEqualTo(CORPUS.size());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @ParameterizedTest(name = "by meaning: {0}")
    @CsvSource(delimiter = '|', value = {
        "what happens when a customer's payment fails?|payments/retries.md",
        "can workers keep using the tool without internet access|mobile/offline.md",
        "how do we welcome people who just joined the company|people/onboarding.md",
        "moving our main database to a newer version|infra/postgres-upgrade.md",
        "cheaper yearly subscription trial|growth/pricing.md",
        "how quickly do we reply to customers who need help|support/sla.md",
        "corporate login with the company's identity system|security/sso.md",
        "night colours for the interface|design/dark-mode.md"
    })
    void findsByMeaning(String question, String expected) throws Exception {
        assertThat(topItem(question)).isEqualTo("file:" + expected);
    }

    @ParameterizedTest(name = "by keyword: {0}")
    @CsvSource(delimiter = '|', value = {
        "PAY-1432|payments/retries.md",
        "OPS-77|infra/postgres-upgrade.md",
        "SCIM|security/sso.md"
    })
    void findsExactIdentifiers(String identifier, String expected) throws Exception {
        assertThat(topItem(identifier)).isEqualTo("file:" + expected);
    }

    private static String topItem(String query) throws Exception {
        JsonNode results = hub.search(query, 3).get("results");
        assertThat(results).as("results for " + query).isNotEmpty();
        return results.get(0).get("item_id").asText();
    }
}
