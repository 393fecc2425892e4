package dev.teammate.jira;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which Atlassian account a person's name stands for, from {@code teammate.jira.accounts}
 * ({@code Ravi=5b10a2844c20165700ede21g, Dana Wu=712020:...}). Meetings name owners as people say them, and Jira
 * assigns by account id, so the hub only assigns a ticket when its owner is in this list; names match whole, case
 * aside.
 */
public final class JiraAccounts {

    private final Map<String, String> accountIds;

    private JiraAccounts(Map<String, String> accountIds) {
        this.accountIds = accountIds;
    }

    public static JiraAccounts parse(String setting) {
        Map<String, String> ids = new LinkedHashMap<>();
        if (setting == null || setting.isBlank()) {
            return new JiraAccounts(ids);
        }
        for (String pair : setting.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0 || pair.substring(equals + 1).isBlank()) {
                throw new IllegalArgumentException("teammate.jira.accounts must be name=accountId pairs separated by"
                        + " commas, but has '" + pair.strip() + "'");
            }
            ids.put(key(pair.substring(0, equals)), pair.substring(equals + 1).strip());
        }
        return new JiraAccounts(ids);
    }

    /** The account id of {@code owner}, or {@code null} when the owner is not in the list. */
    public String accountId(String owner) {
        return owner == null ? null : accountIds.get(key(owner));
    }

    public int size() {
        return accountIds.size();
    }

    private static String key(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
