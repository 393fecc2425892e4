package dev.teammate.item;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The folder name that holds an item's outputs (its transcript, later its summary): readable, safe on every file
 * system, and distinct for distinct items. Item ids may hold slashes, colons, spaces and any Unicode.
 */
public final class ItemFolders {

    private static final int MAX_READABLE = 80;

    private ItemFolders() {
    }

    public static String name(String itemId) {
        String readable = itemId.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (readable.length() > MAX_READABLE) {
            readable = readable.substring(0, MAX_READABLE);
        }
        // The readable part alone could collide ("a b" and "a_b"); a short hash of the exact id keeps them apart.
        return readable + "-" + shortHash(itemId);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
