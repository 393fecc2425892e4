package dev.teammate.ledger;

import dev.teammate.item.Item;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger in a SQL database. The default is an embedded H2 file next to the other data; the statements keep to
 * plain SQL (no vendor upserts) so that the same class can sit on a shared PostgreSQL when several hub nodes run.
 *
 * <p>Every change to one item happens in one transaction, so a crash leaves either the old or the new entry.
 */
public class JdbcLedger implements Ledger {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcLedger.class);

    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS ledger_items (
            item_id     VARCHAR(2048) PRIMARY KEY,
            source      VARCHAR(64)   NOT NULL,
            title       VARCHAR(4096),
            link        VARCHAR(4096),
            version     VARCHAR(128)  NOT NULL,
            item_time   TIMESTAMP     NOT NULL,
            status      VARCHAR(16)   NOT NULL,
            reason      VARCHAR(8192),
            first_seen  TIMESTAMP     NOT NULL,
            updated     TIMESTAMP     NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS ledger_items_source ON ledger_items (source, status)",
        // Added with transcription: how many times work on the current version started without finishing.
        "ALTER TABLE ledger_items ADD COLUMN IF NOT EXISTS attempts INT DEFAULT 0 NOT NULL",
        """
        CREATE TABLE IF NOT EXISTS ledger_chunks (
            item_id   VARCHAR(2048) NOT NULL,
            position  INT           NOT NULL,
            chunk_id  VARCHAR(2200) NOT NULL,
            PRIMARY KEY (item_id, position)
        )""",
        """
        CREATE TABLE IF NOT EXISTS ledger_cursors (
            source   VARCHAR(256) PRIMARY KEY,
            cursor_value VARCHAR(8192) NOT NULL,
            updated  TIMESTAMP    NOT NULL
        )"""
    };

    private final JdbcConnectionPool pool;
    private final String description;

    private JdbcLedger(JdbcConnectionPool pool, String description) {
        this.pool = pool;
        this.description = description;
        createSchema();
    }

    /**
     * Opens (or creates) the ledger at a JDBC URL, for example {@code jdbc:h2:file:/srv/teammate/ledger/ledger}.
     */
    public static JdbcLedger open(String jdbcUrl, String user, String password) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(durable(jdbcUrl), user == null ? "" : user,
                password == null ? "" : password);
        LOG.info("Ledger at {}", jdbcUrl);
        return new JdbcLedger(pool, jdbcUrl);
    }

    /**
     * An embedded H2 file database writes committed transactions to its file up to half a second later by default,
     * so a process killed in that time loses them, while the store and the file drop have already acted on them (a
     * file moved to the done folder whose item the ledger then does not know). Writing at each commit closes that
     * gap; the write goes to the operating system's cache, which outlives the process.
     */
    static String durable(String jdbcUrl) {
        boolean embeddedFile = jdbcUrl.startsWith("jdbc:h2:file:") || jdbcUrl.startsWith("jdbc:h2:./")
                || jdbcUrl.startsWith("jdbc:h2:/") || jdbcUrl.startsWith("jdbc:h2:~");
        if (!embeddedFile || jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")) {
            return jdbcUrl;
        }
        return jdbcUrl + ";WRITE_DELAY=0";
    }

    private void createSchema() {
        inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String ddl : SCHEMA) {
                    statement.execute(ddl);
                }
            }
            return null;
        });
    }

    @Override
    public Optional<LedgerEntry> find(String itemId) {
        return inTransaction(connection -> find(connection, itemId));
    }

    private static Optional<LedgerEntry> find(Connection connection, String itemId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM ledger_items WHERE item_id = ?")) {
            select.setString(1, itemId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(entry(connection, rows)) : Optional.empty();
            }
        }
    }

    @Override
    public List<LedgerEntry> list(String source, ItemStatus status, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM ledger_items WHERE 1 = 1");
        List<String> parameters = new ArrayList<>();
        if (source != null) {
            sql.append(" AND source = ?");
            parameters.add(source);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            parameters.add(status.name());
        }
        sql.append(" ORDER BY item_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int index = 1;
                for (String parameter : parameters) {
                    select.setString(index++, parameter);
                }
                select.setInt(index++, Math.max(0, offset));
                select.setInt(index, Math.max(0, limit));
                List<LedgerEntry> entries = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(entry(connection, rows));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public void recordIndexed(Item item, List<String> chunkIds) {
        inTransaction(connection -> {
            upsert(connection, item, ItemStatus.INDEXED, null);
            replaceChunkIds(connection, item.id(), chunkIds);
            return null;
        });
    }

    @Override
    public void recordWaiting(Item item, String reason) {
        inTransaction(connection -> {
            upsert(connection, item, ItemStatus.WAITING, reason);
            return null;
        });
    }

    @Override
    public int recordAttempt(Item item, String reason) {
        return inTransaction(connection -> {
            int earlier = find(connection, item.id())
                    .filter(e -> e.status() == ItemStatus.WAITING && e.version().equals(item.version()))
                    .map(LedgerEntry::attempts).orElse(0);
            upsert(connection, item, ItemStatus.WAITING, reason);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE ledger_items SET attempts = ? WHERE item_id = ?")) {
                update.setInt(1, earlier + 1);
                update.setString(2, item.id());
                update.executeUpdate();
            }
            return earlier + 1;
        });
    }

    @Override
    public void updateWaitingReason(String itemId, String reason) {
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE ledger_items SET reason = ?, updated = ? WHERE item_id = ? AND status = ?")) {
                update.setString(1, reason);
                update.setTimestamp(2, Timestamp.from(Instant.now()));
                update.setString(3, itemId);
                update.setString(4, ItemStatus.WAITING.name());
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void recordFailed(Item item, String reason) {
        inTransaction(connection -> {
            Optional<String> indexedVersion = versionIfIndexed(connection, item.id());
            // An earlier version stays searchable after a failed update, so its version and chunk ids are kept:
            // they are still what the store holds for this item.
            Item recorded = indexedVersion.map(v -> new Item(item.id(), item.source(), item.title(), item.link(),
                    v, item.time())).orElse(item);
            upsert(connection, recorded, ItemStatus.FAILED, reason);
            return null;
        });
    }

    @Override
    public boolean remove(String itemId) {
        return inTransaction(connection -> {
            try (PreparedStatement chunks = connection.prepareStatement("DELETE FROM ledger_chunks WHERE item_id = ?");
                 PreparedStatement items = connection.prepareStatement("DELETE FROM ledger_items WHERE item_id = ?")) {
                chunks.setString(1, itemId);
                chunks.executeUpdate();
                items.setString(1, itemId);
                return items.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Map<ItemStatus, Long> countByStatus() {
        return counts(null);
    }

    @Override
    public Map<ItemStatus, Long> countByStatus(String source) {
        return counts(source);
    }

    private Map<ItemStatus, Long> counts(String source) {
        return inTransaction(connection -> {
            Map<ItemStatus, Long> counts = new EnumMap<>(ItemStatus.class);
            for (ItemStatus status : ItemStatus.values()) {
                counts.put(status, 0L);
            }
            String where = source == null ? "" : " WHERE source = ?";
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT status, COUNT(*) FROM ledger_items" + where + " GROUP BY status")) {
                if (source != null) {
                    statement.setString(1, source);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        counts.put(ItemStatus.valueOf(rows.getString(1)), rows.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    @Override
    public Optional<String> cursor(String source) {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT cursor_value FROM ledger_cursors WHERE source = ?")) {
                select.setString(1, source);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public void saveCursor(String source, String cursor) {
        inTransaction(connection -> {
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE ledger_cursors SET cursor_value = ?, updated = ? WHERE source = ?")) {
                update.setString(1, cursor);
                update.setTimestamp(2, now);
                update.setString(3, source);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO ledger_cursors (source, cursor_value, updated) VALUES (?, ?, ?)")) {
                insert.setString(1, source);
                insert.setString(2, cursor);
                insert.setTimestamp(3, now);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void close() {
        pool.dispose();
    }

    @Override
    public String toString() {
        return "JdbcLedger[" + description + "]";
    }

    private static void upsert(Connection connection, Item item, ItemStatus status, String reason) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE ledger_items SET source = ?, title = ?, link = ?, version = ?, item_time = ?, status = ?,
                       reason = ?, updated = ?, attempts = 0
                 WHERE item_id = ?""")) {
            update.setString(1, item.source());
            update.setString(2, item.title());
            update.setString(3, item.link());
            update.setString(4, item.version());
            update.setTimestamp(5, Timestamp.from(item.time()));
            update.setString(6, status.name());
            update.setString(7, reason);
            update.setTimestamp(8, now);
            update.setString(9, item.id());
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO ledger_items (item_id, source, title, link, version, item_time, status, reason,
                                          first_seen, updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, item.id());
            insert.setString(2, item.source());
            insert.setString(3, item.title());
            insert.setString(4, item.link());
            insert.setString(5, item.version());
            insert.setTimestamp(6, Timestamp.from(item.time()));
            insert.setString(7, status.name());
            insert.setString(8, reason);
            insert.setTimestamp(9, now);
            insert.setTimestamp(10, now);
            insert.executeUpdate();
        }
    }

    private static Optional<String> versionIfIndexed(Connection connection, String itemId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version, status FROM ledger_items WHERE item_id = ?")) {
            select.setString(1, itemId);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next() && !ItemStatus.WAITING.name().equals(rows.getString(2)) && hasChunks(connection,
                        itemId)) {
                    return Optional.of(rows.getString(1));
                }
                return Optional.empty();
            }
        }
    }

    private static boolean hasChunks(Connection connection, String itemId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM ledger_chunks WHERE item_id = ? FETCH FIRST 1 ROWS ONLY")) {
            select.setString(1, itemId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void replaceChunkIds(Connection connection, String itemId, List<String> chunkIds)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM ledger_chunks WHERE item_id = ?")) {
            delete.setString(1, itemId);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_chunks (item_id, position, chunk_id) VALUES (?, ?, ?)")) {
            for (int position = 0; position < chunkIds.size(); position++) {
                insert.setString(1, itemId);
                insert.setInt(2, position);
                insert.setString(3, chunkIds.get(position));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static LedgerEntry entry(Connection connection, ResultSet row) throws SQLException {
        String itemId = row.getString("item_id");
        List<String> chunkIds = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT chunk_id FROM ledger_chunks WHERE item_id = ? ORDER BY position")) {
            select.setString(1, itemId);
            try (ResultSet chunks = select.executeQuery()) {
                while (chunks.next()) {
                    chunkIds.add(chunks.getString(1));
                }
            }
        }
        return new LedgerEntry(itemId, row.getString("source"), row.getString("title"), row.getString("link"),
                row.getString("version"), row.getTimestamp("item_time").toInstant(),
                ItemStatus.valueOf(row.getString("status")), row.getString("reason"), List.copyOf(chunkIds),
                row.getTimestamp("first_seen").toInstant(), row.getTimestamp("updated").toInstant(),
                row.getInt("attempts"));
    }

    private <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new LedgerException("Ledger " + description + " failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
