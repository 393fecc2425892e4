package dev.teammate.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.teammate.fake.LoopbackHttp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Jira Cloud's REST API v3, for tests, following Atlassian's OpenAPI description as far as the
 * hub uses it:
 * <ul>
 *   <li>{@code POST /rest/api/3/issue} (createIssue): 201 {@code {id,key,self}}; 400 with an ErrorCollection
 *       ({@code {"errorMessages":[],"errors":{"<field>":"..."}}}) for a missing or invalid project, issue type,
 *       summary, description (it must be an Atlassian Document, {@code type: doc, version: 1}), label, assignee or
 *       due date;</li>
 *   <li>{@code GET|POST /rest/api/3/search/jql} (the enhanced search): {@code labels = "x"} and {@code project = X}
 *       clauses joined by {@code AND}, an optional {@code ORDER BY}; token pagination ({@code maxResults},
 *       {@code nextPageToken}, {@code isLast}, no {@code total}); issues carry {@code id, key, self} and the
 *       {@code fields} asked for;</li>
 *   <li>{@code GET /rest/api/3/myself}; the removed {@code /rest/api/3/search} answers 410 as Jira now does.</li>
 * </ul>
 * Every call needs Basic auth with {@link #EMAIL}/{@link #API_TOKEN} or a Bearer {@link #PAT}, else 401. Failures
 * are scripted with {@link #failNext}: 429 with {@code Retry-After}, 5xx, 401. Every request is recorded with its
 * arrival time. Binds to 127.0.0.1 only; safe to use from any thread.
 */
public final class FakeJiraServer implements AutoCloseable {

    public static final String EMAIL = "mia@example.com";
    public static final String API_TOKEN = "fake-api-token-7f3e";
    public static final String PAT = "fake-personal-access-token-91ac";
    public static final String ACCOUNT_ID = "5b10a2844c20165700ede21g";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/rest/api/3";
    private static final Pattern CLAUSE = Pattern.compile("(?i)\\s*(labels|project)\\s*=\\s*(\"([^\"]*)\"|(\\S+))\\s*");

    /** A request as received; {@code auth} is its Authorization header's scheme ({@code Basic}, {@code Bearer}). */
    public record Request(String method, String path, String query, String auth, String body, Instant arrived,
                          int status) {
    }

    /** An issue the fake holds. */
    public record Issue(String id, String key, String project, JsonNode fields, List<String> labels,
                        Instant created) {

        public String summary() {
            return fields.path("summary").asText();
        }
    }

    private record Failure(int status, Integer retryAfterSeconds) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Issue> issues = new CopyOnWriteArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final Set<String> projects = Set.of("TEAM", "OPS");
    private final Set<String> issueTypes = Set.of("Task", "Bug", "Story");
    private final Set<String> accounts = Set.of(ACCOUNT_ID, "712020:0e2b5a51-dana");
    private final AtomicInteger nextId = new AtomicInteger(10000);
    private final Map<String, AtomicInteger> nextNumber = new LinkedHashMap<>();

    private FakeJiraServer() {
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "fake-jira-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server = LoopbackHttp.start(0, "/", this::handle, executor, "the fake Jira");
    }

    public static FakeJiraServer start() {
        return new FakeJiraServer();
    }

    /** The site's address, what {@code teammate.jira.base-url} takes. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next {@code count} requests, whatever they are, with {@code status} (and a Retry-After). */
    public synchronized void failNext(int count, int status, Integer retryAfterSeconds) {
        for (int i = 0; i < count; i++) {
            failures.add(new Failure(status, retryAfterSeconds));
        }
    }

    /** An issue that exists already, as if created earlier (by a hub that stopped before recording it). */
    public Issue addIssue(String project, String summary, String... labels) {
        ObjectNode fields = JSON.createObjectNode();
        fields.putObject("project").put("key", project);
        fields.put("summary", summary);
        ArrayNode labelArray = fields.putArray("labels");
        List.of(labels).forEach(labelArray::add);
        return store(project, fields);
    }

    public List<Issue> issues() {
        return List.copyOf(issues);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests to one path with one method, oldest first. */
    public List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        Instant arrived = Instant.now();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String auth = authorization == null ? null : authorization.split(" ", 2)[0];
        int status = 500;
        try {
            String body = read(exchange.getRequestBody());
            Reply reply = answer(method, path, query, authorization, body);
            status = reply.status;
            requests.add(new Request(method, path, query, auth, body, arrived, status));
            if (reply.retryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(reply.retryAfter));
                exchange.getResponseHeaders().set("RateLimit-Reason", "jira-burst-based");
            }
            send(exchange, reply.status, reply.body);
        } catch (IOException e) {
            // The client went away; nobody to answer.
        } finally {
            exchange.close();
        }
    }

    private record Reply(int status, JsonNode body, Integer retryAfter) {
        Reply(int status, JsonNode body) {
            this(status, body, null);
        }
    }

    private Reply answer(String method, String path, String query, String authorization, String body) {
        Failure failure;
        synchronized (this) {
            failure = failures.poll();
        }
        if (failure != null) {
            return new Reply(failure.status, errors(List.of(failureMessage(failure.status)), Map.of()),
                    failure.retryAfterSeconds);
        }
        if (!authorized(authorization)) {
            return new Reply(401, errors(List.of("Client must be authenticated to access this resource."),
                    Map.of()));
        }
        try {
            if (path.equals(API + "/issue") && method.equals("POST")) {
                return create(JSON.readTree(body));
            }
            if (path.equals(API + "/search/jql") && method.equals("POST")) {
                return search(JSON.readTree(body));
            }
            if (path.equals(API + "/search/jql") && method.equals("GET")) {
                return search(queryAsJson(query));
            }
            if (path.equals(API + "/myself") && method.equals("GET")) {
                return new Reply(200, myself());
            }
            if (path.equals(API + "/search")) {
                return new Reply(410, errors(List.of("The requested API has been removed. Please migrate to the"
                        + " /rest/api/3/search/jql API."), Map.of()));
            }
            return new Reply(404, errors(List.of("No resource at " + method + " " + path), Map.of()));
        } catch (JsonProcessingException e) {
            return new Reply(400, errors(List.of("Unexpected character in the request body: "
                    + e.getOriginalMessage()), Map.of()));
        }
    }

    private boolean authorized(String authorization) {
        if (authorization == null) {
            return false;
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + API_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        return authorization.equals(basic) || authorization.equals("Bearer " + PAT);
    }

    private Reply create(JsonNode request) {
        JsonNode fields = request.path("fields");
        if (!fields.isObject()) {
            return new Reply(400, errors(List.of("Issue must have fields"), Map.of()));
        }
        Map<String, String> problems = new LinkedHashMap<>();
        String project = fields.path("project").path("key").asText(null);
        if (project == null || !projects.contains(project)) {
            problems.put("project", "valid project is required");
        }
        String type = fields.path("issuetype").path("name").asText(null);
        if (type == null || !issueTypes.contains(type)) {
            problems.put("issuetype", "Specify a valid issue type");
        }
        String summary = fields.path("summary").asText("");
        if (summary.isBlank()) {
            problems.put("summary", "You must specify a summary of the issue.");
        } else if (summary.length() > 255) {
            problems.put("summary", "Summary must be less than 255 characters.");
        } else if (summary.contains("\n")) {
            problems.put("summary", "The summary is invalid because it contains newline characters.");
        }
        if (fields.has("description") && !adfDocument(fields.get("description"))) {
            problems.put("description", "Operation value must be an Atlassian Document (see the Atlassian Document"
                    + " Format)");
        }
        for (JsonNode label : fields.path("labels")) {
            if (!label.isTextual() || label.asText().isBlank() || label.asText().contains(" ")) {
                problems.put("labels", "The label '" + label.asText() + "' contains spaces which is invalid.");
            }
        }
        if (fields.has("assignee")) {
            String accountId = fields.path("assignee").path("accountId").asText(null);
            if (accountId == null || !accounts.contains(accountId)) {
                problems.put("assignee", "User '" + accountId + "' cannot be assigned issues.");
            }
        }
        if (fields.has("duedate")) {
            try {
                LocalDate.parse(fields.path("duedate").asText());
            } catch (DateTimeParseException e) {
                problems.put("duedate", "Error parsing date string: " + fields.path("duedate").asText());
            }
        }
        Set<String> known = Set.of("project", "issuetype", "summary", "description", "labels", "assignee",
                "duedate");
        fields.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.put(name, "Field '" + name + "' cannot be set. It is not on the appropriate screen, or"
                        + " unknown.");
            }
        });
        if (!problems.isEmpty()) {
            return new Reply(400, errors(List.of(), problems));
        }
        Issue issue = store(project, fields);
        ObjectNode created = JSON.createObjectNode();
        created.put("id", issue.id());
        created.put("key", issue.key());
        created.put("self", baseUrl() + API + "/issue/" + issue.id());
        return new Reply(201, created);
    }

    /** The document's outline: a doc of version 1 whose nodes all have a type, and whose text nodes have text. */
    private static boolean adfDocument(JsonNode doc) {
        return doc.isObject() && "doc".equals(doc.path("type").asText()) && doc.path("version").asInt() == 1
                && doc.path("content").isArray() && nodesValid(doc.path("content"));
    }

    private static boolean nodesValid(JsonNode content) {
        for (JsonNode node : content) {
            String type = node.path("type").asText("");
            if (type.isEmpty() || (type.equals("text") && node.path("text").asText("").isEmpty())) {
                return false;
            }
            if (node.has("content") && !(node.get("content").isArray() && nodesValid(node.get("content")))) {
                return false;
            }
        }
        return true;
    }

    private synchronized Issue store(String project, JsonNode fields) {
        int number = nextNumber.computeIfAbsent(project, p -> new AtomicInteger()).incrementAndGet();
        List<String> labels = new ArrayList<>();
        fields.path("labels").forEach(label -> labels.add(label.asText()));
        Issue issue = new Issue(String.valueOf(nextId.incrementAndGet()), project + "-" + number, project,
                fields.deepCopy(), labels, Instant.now());
        issues.add(issue);
        return issue;
    }

    private Reply search(JsonNode request) {
        String jql = request.path("jql").asText("").strip();
        String where = jql.replaceFirst("(?i)\\s+ORDER\\s+BY\\s+.*$", "").strip();
        if (where.isEmpty()) {
            return new Reply(400, errors(List.of("Unbounded JQL queries are not allowed here. Please add a search"
                    + " restriction to your query."), Map.of()));
        }
        List<Issue> matching = new ArrayList<>(issues);
        for (String clause : where.split("(?i)\\s+AND\\s+")) {
            Matcher matcher = CLAUSE.matcher(clause);
            if (!matcher.matches()) {
                return new Reply(400, errors(List.of("Error in the JQL Query: the fake understands only labels = x"
                        + " and project = X joined by AND, not '" + clause + "'"), Map.of()));
            }
            String value = matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
            boolean labels = matcher.group(1).equalsIgnoreCase("labels");
            matching.removeIf(issue -> labels ? !issue.labels().contains(value) : !issue.project().equals(value));
        }
        int max = Math.min(Math.max(request.path("maxResults").asInt(50), 1), 5000);
        int offset = 0;
        String token = request.path("nextPageToken").asText(null);
        if (token != null) {
            offset = Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8)
                    .substring("offset:".length()));
        }
        List<String> wanted = new ArrayList<>();
        request.path("fields").forEach(field -> wanted.add(field.asText()));
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode page = reply.putArray("issues");
        for (Issue issue : matching.subList(Math.min(offset, matching.size()),
                Math.min(offset + max, matching.size()))) {
            ObjectNode node = page.addObject();
            node.put("expand", "");
            node.put("id", issue.id());
            node.put("key", issue.key());
            node.put("self", baseUrl() + API + "/issue/" + issue.id());
            ObjectNode fields = node.putObject("fields");
            for (String field : wanted) {
                if (issue.fields().has(field)) {
                    fields.set(field, issue.fields().get(field));
                }
            }
        }
        boolean last = offset + max >= matching.size();
        if (!last) {
            reply.put("nextPageToken", Base64.getEncoder().encodeToString(("offset:" + (offset + max))
                    .getBytes(StandardCharsets.UTF_8)));
        }
        reply.put("isLast", last);
        return new Reply(200, reply);
    }

    private static ObjectNode queryAsJson(String query) {
        ObjectNode request = JSON.createObjectNode();
        if (query == null) {
            return request;
        }
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            String value = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            if (name.equals("fields")) {
                ArrayNode fields = request.putArray("fields");
                List.of(value.split(",")).forEach(fields::add);
            } else {
                request.put(name, value);
            }
        }
        return request;
    }

    private ObjectNode myself() {
        ObjectNode me = JSON.createObjectNode();
        me.put("self", baseUrl() + API + "/user?accountId=" + ACCOUNT_ID);
        me.put("accountId", ACCOUNT_ID);
        me.put("accountType", "atlassian");
        me.put("emailAddress", EMAIL);
        me.put("displayName", "Mia Krystof");
        me.put("active", true);
        me.put("timeZone", "Australia/Sydney");
        return me;
    }

    private static String failureMessage(int status) {
        if (status == 429) {
            return "Rate limit exceeded.";
        }
        if (status == 401) {
            return "Client must be authenticated to access this resource.";
        }
        return "Internal server error";
    }

    private static ObjectNode errors(List<String> messages, Map<String, String> fields) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("errorMessages");
        messages.forEach(list::add);
        ObjectNode errors = body.putObject("errors");
        fields.forEach(errors::put);
        return body;
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
