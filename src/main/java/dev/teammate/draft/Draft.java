package dev.teammate.draft;

import dev.teammate.retrieve.Source;

import java.nio.file.Path;
import java.util.List;

/**
 * A drafted document, as written to the outbox.
 *
 * @param template   the template it was drafted from
 * @param title      its title: the template's title and the topic
 * @param found      false when the data held nothing for it (the file then says so and no model was asked)
 * @param markdown   the whole document as written, its list of sources included
 * @param file       where it was written
 * @param citations  the sources it cites
 * @param considered sources the model was given
 * @param removed    citation numbers the model wrote that named no source, taken out of the text
 * @param tier       the model tier that wrote it, or {@code null}
 */
public record Draft(DraftTemplate template, String title, boolean found, String markdown, Path file,
        List<Source> citations, int considered, List<Integer> removed, String tier) {
}
