package dev.teammate.drive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.teammate.fake.LoopbackHttp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Google Drive API v3 and Google's OAuth token endpoint, for tests, on 127.0.0.1. It answers
 * as the discovery document ({@code drive__v3.json}) and the contract notes describe:
 *
 * <ul>
 *   <li>{@code GET /drive/v3/files}: {@code q} made of {@code '<id>' in parents}, {@code trashed=false|true},
 *       {@code mimeType = '...'} and {@code mimeType != '...'} joined by {@code and}; {@code pageSize} (default 100,
 *       at most 1000), {@code pageToken}/{@code nextPageToken}; {@code corpora=drive} with {@code driveId}. Without
 *       {@code fields} a file carries only kind, id, name and mimeType, as Drive does.</li>
 *   <li>{@code GET /drive/v3/files/{id}}: the metadata, or with {@code alt=media} the bytes (honouring a
 *       {@code Range}); a Google-native file answers 403 {@code fileNotDownloadable}.</li>
 *   <li>{@code GET /drive/v3/files/{id}/export?mimeType=}: text of Docs and Slides as {@code text/plain}, Sheets as
 *       {@code text/csv}; other files answer 403 {@code fileNotExportable}.</li>
 *   <li>{@code GET /drive/v3/changes/startPageToken} and {@code GET /drive/v3/changes}: every mutation appends a
 *       change; a page lists changes from its token with the file as it is now ({@code removed} with no file once
 *       deleted), {@code nextPageToken} while more follow and {@code newStartPageToken} on the last page.</li>
 *   <li>{@code POST /token}: a refresh-token grant (checked against {@link #CLIENT_ID} and {@link #REFRESH_TOKEN}) or
 *       a service account's JWT grant gives a new access token; Drive calls need a current one (401 otherwise).</li>
 * </ul>
 *
 * <p>Scripted trouble: {@link #failNext} (429 with or without {@code Retry-After}, 403 {@code rateLimitExceeded},
 * 5xx) for one kind of call, {@link #expireTokens} (401 until the client refreshes), {@link #refuseRefresh}. Every
 * request is recorded ({@link #requests()}) without its token.
 */
public final class FakeDriveServer implements AutoCloseable {

    public static final String CLIENT_ID = "fake-client.apps.googleusercontent.com";
    public static final String CLIENT_SECRET = "fake-client-secret";
    public static final String REFRESH_TOKEN = "1//fake-refresh-token";
    public static final String DOC = "application/vnd.google-apps.document";
    public static final String SHEET = "application/vnd.google-apps.spreadsheet";
    public static final String SLIDES = "application/vnd.google-apps.presentation";
    public static final String FOLDER = "application/vnd.google-apps.folder";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IN_PARENTS = Pattern.compile("'([^']+)' in parents");
    private static final Pattern TRASHED = Pattern.compile("trashed\\s*=\\s*(true|false)");
    private static final Pattern MIME = Pattern.compile("mimeType\\s*(!=|=)\\s*'([^']+)'");

    /** One request as the fake saw it: the call's name (files.list, files.get, ...) and its query parameters. */
    public record Request(String call, String path, Map<String, String> query) {
    }

    private record Fault(String call, int status, String reason, Integer retryAfterSeconds) {
    }

    /** One file or folder as Drive holds it. */
    private static final class Node {
        final String id;
        String name;
        final String mimeType;
        List<String> parents;
        boolean trashed;
        byte[] content;
        long version = 1;
        Instant modified;
        final String driveId;

        Node(String id, String name, String mimeType, List<String> parents, byte[] content, Instant modified,
                String driveId) {
            this.id = id;
            this.name = name;
            this.mimeType = mimeType;
            this.parents = parents;
            this.content = content;
            this.modified = modified;
            this.driveId = driveId;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<String> changeLog = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Set<String> validTokens = new HashSet<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private long clock = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();
    private boolean refuseRefresh;

    public FakeDriveServer() throws IOException {
        server = LoopbackHttp.start(0, "/", this::handle, executor, "the fake Drive");
    }

    public String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public String tokenUrl() {
        return rootUrl() + "token";
    }

    /** Hub settings pointing the Drive source at this fake with an OAuth client, watching {@code folders}. */
    public Properties hubSettings(String folders) {
        Properties properties = new Properties();
        properties.setProperty("teammate.drive.api-url", rootUrl());
        properties.setProperty("teammate.drive.token-url", tokenUrl());
        properties.setProperty("teammate.drive.client-id", CLIENT_ID);
        properties.setProperty("teammate.drive.client-secret", CLIENT_SECRET);
        properties.setProperty("teammate.drive.refresh-token", REFRESH_TOKEN);
        properties.setProperty("teammate.drive.folders", folders);
        properties.setProperty("teammate.drive.retry-ms", "50");
        properties.setProperty("teammate.drive.max-attempts", "4");
        properties.setProperty("teammate.drive.max-backoff-ms", "1000");
        return properties;
    }

    // ------------------------------------------------------------------------------------------- state mutators

    public synchronized String addFolder(String name, String parentId) {
        return add(name, FOLDER, parentId, null, null);
    }

    /** A folder with a fixed id, such as a watched root; no parent. */
    public synchronized String addRootFolder(String id, String name) {
        nodes.put(id, new Node(id, name, FOLDER, List.of(), null, tick(), null));
        changed(id);
        return id;
    }

    public synchronized String addFile(String name, String mimeType, String parentId, byte[] content) {
        return add(name, mimeType, parentId, content, null);
    }

    public synchronized String addFile(String name, String mimeType, String parentId, String text) {
        return addFile(name, mimeType, parentId, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A file at the top of a shared drive (its parent is the drive). */
    public synchronized String addToSharedDrive(String driveId, String name, String mimeType, String text) {
        return add(name, mimeType, driveId, text.getBytes(StandardCharsets.UTF_8), driveId);
    }

    public synchronized void edit(String id, byte[] content) {
        Node node = node(id);
        node.content = content;
        touch(node);
    }

    public synchronized void edit(String id, String text) {
        edit(id, text.getBytes(StandardCharsets.UTF_8));
    }

    public synchronized void rename(String id, String name) {
        Node node = node(id);
        node.name = name;
        touch(node);
    }

    public synchronized void trash(String id) {
        Node node = node(id);
        node.trashed = true;
        touch(node);
    }

    public synchronized void untrash(String id) {
        Node node = node(id);
        node.trashed = false;
        touch(node);
    }

    /** Moves a file or folder to another parent; only the moved one gets a change, as in Drive. */
    public synchronized void move(String id, String newParentId) {
        Node node = node(id);
        node.parents = List.of(newParentId);
        touch(node);
    }

    /** Deletes for good; a folder takes everything below it along. */
    public synchronized void delete(String id) {
        for (Node child : new ArrayList<>(nodes.values())) {
            if (child.parents.contains(id) && nodes.containsKey(child.id)) {
                delete(child.id);
            }
        }
        nodes.remove(id);
        changed(id);
    }

    /** The text of a file as it is now; {@code null} once it is gone. */
    public synchronized String text(String id) {
        Node node = nodes.get(id);
        return node == null || node.content == null ? null : new String(node.content, StandardCharsets.UTF_8);
    }

    /** Ids of the files (not folders) under {@code rootId}, trashed ones and those below trashed folders left out. */
    public synchronized Set<String> filesUnder(String rootId) {
        Set<String> found = new HashSet<>();
        Deque<String> folders = new ArrayDeque<>(List.of(rootId));
        while (!folders.isEmpty()) {
            String folder = folders.poll();
            for (Node node : nodes.values()) {
                if (!node.parents.contains(folder) || node.trashed) {
                    continue;
                }
                if (FOLDER.equals(node.mimeType)) {
                    folders.add(node.id);
                } else {
                    found.add(node.id);
                }
            }
        }
        return found;
    }

    /** Ids of every folder below {@code rootId}, trashed ones included. */
    public synchronized Set<String> foldersUnder(String rootId) {
        Set<String> found = new HashSet<>();
        Deque<String> folders = new ArrayDeque<>(List.of(rootId));
        while (!folders.isEmpty()) {
            String folder = folders.poll();
            for (Node node : nodes.values()) {
                if (node.parents.contains(folder) && FOLDER.equals(node.mimeType) && found.add(node.id)) {
                    folders.add(node.id);
                }
            }
        }
        return found;
    }

    /** The version the hub should hold for a file: its MD5 for stored files, {@code v<version>} for Google's. */
    public synchronized String expectedVersion(String id) {
        Node node = node(id);
        return node.mimeType.startsWith("application/vnd.google-apps.") ? "v" + node.version : md5(node.content);
    }

    // ------------------------------------------------------------------------------------------- scripted trouble

    /**
     * The next {@code times} calls named {@code call} ({@code files.list}, {@code files.get}, {@code files.export},
     * {@code changes.list}, {@code changes.getStartPageToken}, or {@code *}) fail with this status.
     */
    public synchronized void failNext(String call, int times, int status, String reason, Integer retryAfterSeconds) {
        for (int i = 0; i < times; i++) {
            faults.add(new Fault(call, status, reason, retryAfterSeconds));
        }
    }

    /** Every access token issued so far stops working: Drive answers 401 until the client gets a new one. */
    public synchronized void expireTokens() {
        validTokens.clear();
    }

    /** Whether the token endpoint refuses the refresh token (400 invalid_grant), as after a revoked grant. */
    public synchronized void refuseRefresh(boolean refuse) {
        refuseRefresh = refuse;
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public long count(String call) {
        return requests.stream().filter(r -> r.call().equals(call)).count();
    }

    public void clearRequests() {
        requests.clear();
    }

    // ------------------------------------------------------------------------------------------- serving

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
            if (path.equals("/token")) {
                token(exchange);
                return;
            }
            String call = callName(exchange.getRequestMethod(), path, query);
            requests.add(new Request(call, path, query));
            Fault fault = nextFault(call);
            if (fault != null) {
                fail(exchange, fault);
                return;
            }
            if (!authorized(exchange)) {
                error(exchange, 401, "global", "authError", "Invalid Credentials");
                return;
            }
            synchronized (this) {
                switch (call) {
                    case "files.list" -> filesList(exchange, query);
                    case "files.get" -> filesGet(exchange, path.substring("/drive/v3/files/".length()), query);
                    case "files.export" -> export(exchange, path.substring("/drive/v3/files/".length(),
                            path.length() - "/export".length()), query);
                    case "changes.getStartPageToken" -> json(exchange, 200, JSON.createObjectNode()
                            .put("kind", "drive#startPageToken").put("startPageToken", "" + changeLog.size()));
                    case "changes.list" -> changesList(exchange, query);
                    default -> error(exchange, 404, "global", "notFound", "No such method: " + path);
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private static String callName(String method, String path, Map<String, String> query) {
        if (!"GET".equals(method)) {
            return method + " " + path;
        }
        if (path.equals("/drive/v3/files")) {
            return "files.list";
        }
        if (path.equals("/drive/v3/changes/startPageToken")) {
            return "changes.getStartPageToken";
        }
        if (path.equals("/drive/v3/changes")) {
            return "changes.list";
        }
        if (path.startsWith("/drive/v3/files/") && path.endsWith("/export")) {
            return "files.export";
        }
        if (path.startsWith("/drive/v3/files/")) {
            return "files.get";
        }
        return "unknown";
    }

    private synchronized Fault nextFault(String call) {
        Fault next = faults.peek();
        if (next != null && (next.call().equals(call) || next.call().equals("*"))) {
            return faults.poll();
        }
        return null;
    }

    private synchronized boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") && validTokens.contains(header.substring(7));
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(new Request("token", "/token", Map.of("grant_type", form.getOrDefault("grant_type", ""))));
        String grant = form.getOrDefault("grant_type", "");
        boolean refresh = grant.equals("refresh_token") && REFRESH_TOKEN.equals(form.get("refresh_token"))
                && CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
        boolean serviceAccount = grant.equals("urn:ietf:params:oauth:grant-type:jwt-bearer")
                && form.get("assertion") != null && form.get("assertion").split("\\.").length == 3;
        synchronized (this) {
            if (refuseRefresh || !(refresh || serviceAccount)) {
                json(exchange, 400, JSON.createObjectNode().put("error", "invalid_grant")
                        .put("error_description", "Token has been expired or revoked."));
                return;
            }
            String token = "ya29.fake-" + tokensIssued.incrementAndGet();
            validTokens.add(token);
            json(exchange, 200, JSON.createObjectNode().put("access_token", token).put("expires_in", 3599)
                    .put("token_type", "Bearer").put("scope", "https://www.googleapis.com/auth/drive.readonly"));
        }
    }

    private void filesList(HttpExchange exchange, Map<String, String> query) throws IOException {
        List<Node> matching = new ArrayList<>();
        String q = query.getOrDefault("q", "");
        String driveId = "drive".equals(query.get("corpora")) ? query.get("driveId") : null;
        for (Node node : nodes.values()) {
            Boolean matches = matches(node, q);
            if (matches == null) {
                error(exchange, 400, "global", "invalid", "Invalid Value: q");
                return;
            }
            if (matches && (driveId == null || driveId.equals(node.driveId))) {
                matching.add(node);
            }
        }
        int pageSize = Math.min(1000, Integer.parseInt(query.getOrDefault("pageSize", "100")));
        int from = query.containsKey("pageToken") ? Integer.parseInt(query.get("pageToken").substring(2)) : 0;
        int to = Math.min(matching.size(), from + pageSize);
        ObjectNode page = JSON.createObjectNode().put("kind", "drive#fileList").put("incompleteSearch", false);
        if (to < matching.size()) {
            page.put("nextPageToken", "p:" + to);
        }
        ArrayNode files = page.putArray("files");
        boolean full = query.containsKey("fields");
        for (Node node : matching.subList(from, to)) {
            files.add(full ? describe(node) : JSON.createObjectNode().put("kind", "drive#file").put("id", node.id)
                    .put("name", node.name).put("mimeType", node.mimeType));
        }
        json(exchange, 200, page);
    }

    /** Whether a node matches {@code q}; {@code null} when a clause is not understood. */
    private static Boolean matches(Node node, String q) {
        if (q.isBlank()) {
            return true;
        }
        boolean all = true;
        for (String clause : q.split("(?i)\\s+and\\s+")) {
            Matcher parents = IN_PARENTS.matcher(clause.strip());
            Matcher trashed = TRASHED.matcher(clause.strip());
            Matcher mime = MIME.matcher(clause.strip());
            if (parents.matches()) {
                all &= node.parents.contains(parents.group(1));
            } else if (trashed.matches()) {
                all &= node.trashed == Boolean.parseBoolean(trashed.group(1));
            } else if (mime.matches()) {
                all &= mime.group(1).equals("=") == node.mimeType.equals(mime.group(2));
            } else {
                return null;
            }
        }
        return all;
    }

    private void filesGet(HttpExchange exchange, String id, Map<String, String> query) throws IOException {
        Node node = nodes.get(id);
        if (node == null) {
            error(exchange, 404, "global", "notFound", "File not found: " + id + ".");
            return;
        }
        if (!"media".equals(query.get("alt"))) {
            json(exchange, 200, describe(node));
            return;
        }
        if (node.mimeType.startsWith("application/vnd.google-apps.")) {
            error(exchange, 403, "global", "fileNotDownloadable",
                    "Only files with binary content can be downloaded. Use Export with Docs Editors files.");
            return;
        }
        bytes(exchange, node.mimeType, node.content);
    }

    private void export(HttpExchange exchange, String id, Map<String, String> query) throws IOException {
        Node node = nodes.get(id);
        if (node == null) {
            error(exchange, 404, "global", "notFound", "File not found: " + id + ".");
            return;
        }
        String target = query.get("mimeType");
        boolean fits = switch (node.mimeType) {
            case DOC, SLIDES -> "text/plain".equals(target);
            case SHEET -> "text/csv".equals(target);
            default -> false;
        };
        if (!fits) {
            error(exchange, 403, "global", "fileNotExportable", "Export only supports Docs Editors files.");
            return;
        }
        bytes(exchange, target, node.content);
    }

    private void changesList(HttpExchange exchange, Map<String, String> query) throws IOException {
        int from;
        try {
            from = Integer.parseInt(query.getOrDefault("pageToken", "x"));
        } catch (NumberFormatException e) {
            error(exchange, 400, "global", "invalid", "Invalid Value: pageToken");
            return;
        }
        int pageSize = Math.min(1000, Integer.parseInt(query.getOrDefault("pageSize", "100")));
        int to = Math.min(changeLog.size(), from + pageSize);
        ObjectNode page = JSON.createObjectNode().put("kind", "drive#changeList");
        if (to < changeLog.size()) {
            page.put("nextPageToken", "" + to);
        } else {
            page.put("newStartPageToken", "" + changeLog.size());
        }
        ArrayNode changes = page.putArray("changes");
        for (String id : changeLog.subList(Math.min(from, to), to)) {
            Node node = nodes.get(id);
            ObjectNode change = changes.addObject().put("kind", "drive#change").put("changeType", "file")
                    .put("fileId", id).put("time", Instant.ofEpochMilli(clock).toString())
                    .put("removed", node == null);
            if (node != null) {
                change.set("file", describe(node));
            }
        }
        json(exchange, 200, page);
    }

    private ObjectNode describe(Node node) {
        ObjectNode file = JSON.createObjectNode().put("kind", "drive#file").put("id", node.id).put("name", node.name)
                .put("mimeType", node.mimeType).put("trashed", node.trashed)
                .put("modifiedTime", node.modified.toString()).put("version", "" + node.version);
        ArrayNode parents = file.putArray("parents");
        node.parents.forEach(parents::add);
        boolean native_ = node.mimeType.startsWith("application/vnd.google-apps.");
        file.put("webViewLink", native_ ? "https://docs.google.com/document/d/" + node.id + "/edit"
                : "https://drive.google.com/file/d/" + node.id + "/view?usp=drivesdk");
        if (!native_) {
            file.put("md5Checksum", md5(node.content)).put("size", "" + node.content.length);
        }
        if (node.driveId != null) {
            file.put("driveId", node.driveId);
        }
        return file;
    }

    private void fail(HttpExchange exchange, Fault fault) throws IOException {
        if (fault.retryAfterSeconds() != null) {
            exchange.getResponseHeaders().set("Retry-After", "" + fault.retryAfterSeconds());
        }
        String message = switch (fault.reason()) {
            case "rateLimitExceeded" -> "Rate Limit Exceeded";
            case "userRateLimitExceeded" -> "User Rate Limit Exceeded";
            default -> "Backend Error";
        };
        error(exchange, fault.status(), fault.status() >= 500 ? "global" : "usageLimits", fault.reason(), message);
    }

    private static void error(HttpExchange exchange, int status, String domain, String reason, String message)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", status).put("message", message);
        error.putArray("errors").addObject().put("domain", domain).put("reason", reason).put("message", message);
        json(exchange, status, body);
    }

    private static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Media bytes; a {@code Range} (Google's client asks for chunks) gets a 206 with its Content-Range. */
    private static void bytes(HttpExchange exchange, String mimeType, byte[] content) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", mimeType);
        String range = exchange.getRequestHeaders().getFirst("Range");
        byte[] body = content;
        int status = 200;
        if (range != null && range.startsWith("bytes=") && content.length > 0) {
            String[] bounds = range.substring(6).split("-", -1);
            int start = Integer.parseInt(bounds[0]);
            int end = bounds[1].isEmpty() ? content.length - 1 : Math.min(content.length - 1,
                    (int) Math.min(Integer.MAX_VALUE, Long.parseLong(bounds[1])));
            body = java.util.Arrays.copyOfRange(content, start, end + 1);
            exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + content.length);
            status = 206;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private String add(String name, String mimeType, String parentId, byte[] content, String driveId) {
        String id = "f" + Integer.toString(ids.incrementAndGet(), 36) + "Xq";
        nodes.put(id, new Node(id, name, mimeType, parentId == null ? List.of() : List.of(parentId),
                content == null ? new byte[0] : content, tick(), driveId));
        changed(id);
        return id;
    }

    private void touch(Node node) {
        node.version++;
        node.modified = tick();
        changed(node.id);
    }

    private void changed(String id) {
        changeLog.add(id);
    }

    private Instant tick() {
        clock += 1000;
        return Instant.ofEpochMilli(clock);
    }

    private Node node(String id) {
        Node node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no file " + id + " in the fake Drive");
        }
        return node;
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(key, value);
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
