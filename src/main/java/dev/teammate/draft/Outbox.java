package dev.teammate.draft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The folder drafts are written to: {@code <outbox>/<template>/<date>-<topic>.md}. A second draft of the same
 * template and topic on the same day gets a number rather than replacing the first, which a person may be editing.
 */
public class Outbox {

    private static final int MAX_SLUG = 60;

    private final Path folder;

    public Outbox(Path folder) {
        this.folder = folder;
    }

    public Path write(String template, String topic, LocalDate day, String markdown) throws IOException {
        Path dir = folder.resolve(template);
        Files.createDirectories(dir);
        String base = day + (slug(topic).isEmpty() ? "" : "-" + slug(topic));
        Path target = dir.resolve(base + ".md");
        for (int n = 2; Files.exists(target); n++) {
            target = dir.resolve(base + "-" + n + ".md");
        }
        Path partial = dir.resolve("." + target.getFileName() + ".part");
        Files.writeString(partial, markdown, StandardCharsets.UTF_8);
        return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Lower-case words and digits joined by dashes: safe as a file name on every system. */
    static String slug(String text) {
        if (text == null) {
            return "";
        }
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
        slug = slug.replaceAll("[^a-z0-9-]", "");
        return slug.length() <= MAX_SLUG ? slug : slug.substring(0, MAX_SLUG).replaceAll("-$", "");
    }
}
