package dev.teammate.drive;

import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.Ledger;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.store.VectorStore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A random life of a watched Drive folder for the sync property tests: files and folders added, edited, renamed,
 * trashed, restored, deleted and moved in and out of the watched tree, each step written down so a failing seed can
 * be read back. {@link #assertMirrored} checks a hub's ledger and store against what the fake holds.
 */
final class DriveWorld {

    static final String ROOT = "0AsyncRoot";
    private static final String OUTSIDE = "0AoutsideRoot";
    private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
        "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango"};

    private final FakeDriveServer drive;
    private final Random random;
    private final List<String> files = new ArrayList<>();
    private final List<String> folders = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private int counter;

    DriveWorld(FakeDriveServer drive, long seed) {
        this.drive = drive;
        this.random = new Random(seed);
        drive.addRootFolder(ROOT, "Watched");
        drive.addRootFolder(OUTSIDE, "Elsewhere");
        folders.add(ROOT);
        folders.add(OUTSIDE);
    }

    Random random() {
        return random;
    }

    List<String> log() {
        return log;
    }

    void note(String step) {
        log.add(step);
    }

    /** Adds {@code count} files to the watched folder, for a first sync with something in it. */
    void seed(int count) {
        for (int i = 0; i < count; i++) {
            addFile(ROOT);
        }
    }

    /** One random change to the Drive; returns what it was. */
    String change() {
        int pick = random.nextInt(100);
        String step;
        if (files.isEmpty() || pick < 22) {
            step = "add " + addFile(pickFolder());
        } else if (pick < 42) {
            String id = pickFile();
            drive.edit(id, text());
            step = "edit " + id;
        } else if (pick < 48) {
            String id = pickFile();
            drive.rename(id, "renamed-" + counter++ + ".md");
            step = "rename " + id;
        } else if (pick < 56) {
            String id = pickFile();
            drive.delete(id);
            files.remove(id);
            step = "delete " + id;
        } else if (pick < 63) {
            String id = pickFile();
            drive.trash(id);
            step = "trash " + id;
        } else if (pick < 68) {
            String id = pickFile();
            drive.untrash(id);
            step = "untrash " + id;
        } else if (pick < 80) {
            String id = pickFile();
            String to = pickFolder();
            drive.move(id, to);
            step = "move " + id + " to " + to;
        } else if (pick < 86) {
            String parent = pickFolder();
            String id = drive.addFolder("folder-" + counter++, parent);
            folders.add(id);
            step = "add folder " + id + " in " + parent;
        } else if (pick < 95 && folders.size() > 2) {
            String id = folders.get(2 + random.nextInt(folders.size() - 2));
            String to = pickFolder();
            if (isBelow(to, id)) {
                return "skip (folder into itself)";
            }
            drive.move(id, to);
            step = "move folder " + id + " to " + to;
        } else if (folders.size() > 2) {
            String id = folders.get(2 + random.nextInt(folders.size() - 2));
            if (random.nextBoolean()) {
                drive.trash(id);
                step = "trash folder " + id;
            } else {
                drive.untrash(id);
                step = "untrash folder " + id;
            }
        } else {
            step = "add " + addFile(ROOT);
        }
        log.add(step);
        return step;
    }

    /** Asserts that the ledger and the store hold exactly the watched files' current versions, once each. */
    void assertMirrored(Ledger ledger, VectorStore store) {
        Set<String> expected = new TreeSet<>();
        for (String id : drive.filesUnder(ROOT)) {
            expected.add("drive:" + id);
        }
        Map<String, LedgerEntry> known = new TreeMap<>();
        for (LedgerEntry entry : ledger.list("drive", null, 0, 100_000)) {
            known.put(entry.itemId(), entry);
        }
        check(known.keySet().equals(expected), "the ledger holds " + known.keySet() + " but Drive has " + expected);
        long chunks = 0;
        for (String itemId : expected) {
            LedgerEntry entry = known.get(itemId);
            String fileId = itemId.substring("drive:".length());
            check(entry.status() == ItemStatus.INDEXED, itemId + " is " + entry.status() + ": " + entry.reason());
            String version = drive.expectedVersion(fileId);
            check(entry.version().equals(version), itemId + " is at " + entry.version() + ", Drive at " + version);
            List<String> stored = store.chunkIds(itemId);
            check(stored.equals(entry.chunkIds()), itemId + ": stored chunks " + stored + " but the ledger has "
                    + entry.chunkIds());
            check(new HashSet<>(stored).size() == stored.size(), itemId + " has a duplicate chunk " + stored);
            String prefix = itemId + "#" + (version.length() > 16 ? version.substring(0, 16) : version) + "#";
            check(!stored.isEmpty() && stored.stream().allMatch(c -> c.startsWith(prefix)),
                    itemId + " has chunks of another version: " + stored);
            chunks += stored.size();
        }
        check(store.count() == chunks, "the store holds " + store.count() + " chunks, the items " + chunks
                + " (stale chunks left behind)");
    }

    private void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private String addFile(String folder) {
        int kind = random.nextInt(3);
        String id = switch (kind) {
            case 0 -> drive.addFile("note-" + counter++ + ".md", "text/markdown", folder, text());
            case 1 -> drive.addFile("Doc " + counter++, FakeDriveServer.DOC, folder, text());
            default -> drive.addFile("plain-" + counter++ + ".txt", "text/plain", folder, text());
        };
        files.add(id);
        return id + " in " + folder;
    }

    private String pickFile() {
        return files.get(random.nextInt(files.size()));
    }

    private String pickFolder() {
        return folders.get(random.nextInt(10) < 3 ? 1 : random.nextInt(folders.size()));
    }

    private boolean isBelow(String folder, String ancestor) {
        return folder.equals(ancestor) || drive.filesUnder(ancestor).contains(folder) || below(folder, ancestor);
    }

    private boolean below(String folder, String ancestor) {
        return drive.foldersUnder(ancestor).contains(folder);
    }

    private String text() {
        StringBuilder text = new StringBuilder("Note " + counter++ + ":");
        int words = 5 + random.nextInt(40);
        for (int i = 0; i < words; i++) {
            text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.append('.').toString();
    }
}
