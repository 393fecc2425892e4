package dev.teammate.tickets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The review folder: {@code pending/}, {@code approved/}, {@code created/} and {@code rejected/} under the tickets
 * folder, one {@code <slug>-<id>.md} file per ticket, in exactly one of them. A ticket's state is the folder its file
 * is in, so a person can approve, retry or drop a ticket with a file manager, and the hub finds everything again
 * after a restart.
 */
public class TicketFolders {

    public static final String REASON_SUFFIX = ".error.txt";

    /** A ticket file where it is now. */
    public record Located(String id, TicketState state, Path file) {
    }

    private final Path root;

    public TicketFolders(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path folder(TicketState state) {
        return root.resolve(state.folderName());
    }

    public void createFolders() throws IOException {
        for (TicketState state : TicketState.values()) {
            Files.createDirectories(folder(state));
        }
    }

    /** Where the ticket with this id is, looking in every folder. */
    public Optional<Located> find(String id) {
        return all().stream().filter(located -> located.id().equals(id)).findFirst();
    }

    /** Every ticket file, by state in the order of {@link TicketState}, then by name. */
    public List<Located> all() {
        List<Located> found = new ArrayList<>();
        for (TicketState state : TicketState.values()) {
            Path folder = folder(state);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(Files::isRegularFile).sorted().forEach(file -> {
                    String id = TicketIds.idOfFile(file.getFileName().toString());
                    if (id != null) {
                        found.add(new Located(id, state, file));
                    }
                });
            } catch (NoSuchFileException e) {
                // The folder went away while being listed; nothing of it to show.
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        return found;
    }

    /** Writes a new ticket into a folder; the file appears whole or not at all. */
    public Path write(TicketState state, Ticket ticket) throws IOException {
        Path file = folder(state).resolve(TicketIds.fileName(ticket.summary(), ticket.id()));
        TicketFile.write(file, ticket);
        return file;
    }

    /** Moves a ticket file to another state's folder, keeping its name, and returns its new place. */
    public Path move(Path file, TicketState to) throws IOException {
        Path target = folder(to).resolve(file.getFileName());
        Files.createDirectories(target.getParent());
        return Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file beside a rejected ticket that says why Jira refused it. */
    public Path reasonFile(String fileName) {
        return folder(TicketState.REJECTED).resolve(fileName + REASON_SUFFIX);
    }
}
