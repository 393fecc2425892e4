package dev.teammate.tickets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names derived from a proposal's key: the ticket id (12 hex digits of its SHA-256), the Jira label that carries it
 * ({@code teammate-<id>}), the ledger item ({@code ticket:<id>}) and the file name ({@code <slug>-<id>.md}). All are
 * stable: the same key gives the same names on every hub and after every restart.
 */
public final class TicketIds {

    public static final String LEDGER_SOURCE = "ticket";
    private static final int SLUG_LENGTH = 50;

    private TicketIds() {
    }

    public static String id(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String label(String id) {
        return "teammate-" + id;
    }

    public static String ledgerItem(String id) {
        return LEDGER_SOURCE + ":" + id;
    }

    public static String fileName(String summary, String id) {
        String ascii = Normalizer.normalize(summary == null ? "" : summary, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > SLUG_LENGTH) {
            slug = slug.substring(0, SLUG_LENGTH).replaceAll("-+$", "");
        }
        return (slug.isEmpty() ? "ticket" : slug) + "-" + id + ".md";
    }

    /** The id at the end of a ticket file's name, or {@code null} when the name is not one. */
    public static String idOfFile(String fileName) {
        if (!fileName.endsWith(".md") || fileName.length() < 16) {
            return null;
        }
        String id = fileName.substring(fileName.length() - 15, fileName.length() - 3);
        return id.matches("[0-9a-f]{12}") && fileName.charAt(fileName.length() - 16) == '-' ? id : null;
    }
}
