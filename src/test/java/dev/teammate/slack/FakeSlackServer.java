package dev.teammate.slack;

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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A local stand-in for Slack's Web API, for tests: {@code POST|GET /api/<method>} on 127.0.0.1, answering as Slack
 * does (see the Slack section of the project's API contract notes): every answer is JSON with a top-level {@code ok};
 * a method error is HTTP 200 with {@code {"ok":false,"error":"<code>"}}; only rate limiting uses another status,
 * 429 with a {@code Retry-After} header in seconds and {@code {"ok":false,"error":"ratelimited"}}.
 *
 * <p>Methods served: {@code chat.postMessage} (form-encoded or JSON body; checks the token and the channel, then
 * answers with the message as posted) and {@code auth.test} (Slack's SDK calls it before its first post with a
 * token). A later method (conversations.history, users.info, ...) is one more {@link #handle(String, Function)}
 * with a function from the {@link Call} to the answer's JSON; the token check, the scripted failures and the
 * recording come with it.
 *
 * <p>The token is accepted as {@code Authorization: Bearer <token>} or as a {@code token} parameter: none gives
 * {@code not_authed}, another one {@code invalid_auth}. The token's value is never recorded: a {@link Request} holds
 * the headers with the Authorization value hidden, and the parameters without {@code token}.
 *
 * <p>Failures are scripted per method with {@link #failNext}: the next calls answer a 429, a 5xx, or an error code.
 * {@link #limitRate} makes a method answer 429 with {@code Retry-After} when called sooner than its interval after the
 * last call, as Slack's tiers do. {@link #down()} and {@link #up()} take the whole server away and bring it back on
 * the same port. The reading methods (conversations.*, users.info) are served by a {@link FakeSlackWorkspace}.
 */
public final class FakeSlackServer implements AutoCloseable {

    public static final String TOKEN = "xoxb-1111111111-2222222222-fakeSlackTestToken";
    public static final String TEAM_ID = "T0TEAMMATE";
    public static final String BOT_ID = "B0TEAMMATE";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as received: the Web API method, the HTTP method, headers and parameters without the token. */
    public record Request(String method, String httpMethod, Map<String, String> headers, Map<String, String> params,
                          Instant arrived, int status, boolean ok, String error) {

        public String param(String name) {
            return params.get(name);
        }

        /** The texts of the message's section blocks, in order. */
        public List<String> sections() {
            List<String> texts = new ArrayList<>();
            String blocks = params.get("blocks");
            if (blocks == null || blocks.isBlank()) {
                return texts;
            }
            try {
                for (JsonNode block : JSON.readTree(blocks)) {
                    if ("section".equals(block.path("type").asText())) {
                        texts.add(block.path("text").path("text").asText());
                    }
                }
            } catch (JsonProcessingException e) {
                throw new AssertionError("the blocks parameter is not JSON: " + blocks, e);
            }
            return texts;
        }

        /** What a reader sees: the sections, or the text when there are none. */
        public String shown() {
            List<String> sections = sections();
            return sections.isEmpty() ? Objects.toString(params.get("text"), "") : String.join("\n", sections);
        }
    }

    /** A scripted failure: an HTTP status, the error code in the body, and for 429 the Retry-After seconds. */
    public record Failure(int status, String error, Integer retryAfterSeconds) {

        public static Failure rateLimited(int retryAfterSeconds) {
            return new Failure(429, "ratelimited", retryAfterSeconds);
        }

        public static Failure serverError(int status) {
            return new Failure(status, null, null);
        }

        /** A method error: HTTP 200 with {@code ok:false} and the code. */
        public static Failure error(String code) {
            return new Failure(200, code, null);
        }
    }

    /** A call to a method, for a method's handler: the parameters, with the token already checked. */
    public record Call(String method, Map<String, String> params) {
    }

    /** Thrown by a handler to answer with a method error. */
    public static final class MethodError extends RuntimeException {

        private final String code;

        public MethodError(String code) {
            super(code, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final ExecutorService executor;
    private final int port;
    private final String token;
    private final Map<String, Function<Call, ObjectNode>> methods = new ConcurrentHashMap<>();
    private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();
    private final Map<String, String> channelIds = new ConcurrentHashMap<>();
    private final Map<String, Boolean> botIsMember = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong messages = new AtomicLong();
    private final Map<String, Long> minIntervalNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> lastServedNanos = new ConcurrentHashMap<>();
    private HttpServer server;
    private boolean closed;

    private FakeSlackServer(String token) {
        this.token = token;
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "fake-slack-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        handle("auth.test", this::authTest);
        handle("chat.postMessage", this::postMessage);
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    /** A workspace whose bot has {@link #TOKEN} and is a member of {@code #team-updates} (id C0TEAMUPD1). */
    public static FakeSlackServer start() {
        FakeSlackServer fake = new FakeSlackServer(TOKEN);
        fake.channel("team-updates", "C0TEAMUPD1", true);
        return fake;
    }

    /** Hub settings that turn Slack out on, posting to {@code channel} of this workspace, polling quickly. */
    public Properties hubSettings(String channel) {
        Properties settings = new Properties();
        settings.setProperty("teammate.slack.token", TOKEN);
        settings.setProperty("teammate.slack.channel", channel);
        settings.setProperty("teammate.slack.server-url", serverUrl());
        settings.setProperty("teammate.slack.poll-ms", "100");
        settings.setProperty("teammate.slack.retry-ms", "500");
        settings.setProperty("teammate.slack.setup-retry-ms", "60000");
        return settings;
    }

    /** What camel-slack's {@code serverUrl} takes: Slack's SDK adds {@code /api/<method>}. */
    public String serverUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Adds a channel, by name (without #) and id; a bot that is not a member gets {@code not_in_channel}. */
    public void channel(String name, String id, boolean memberBot) {
        channelIds.put(name, id);
        botIsMember.put(id, memberBot);
    }

    /** Serves a Web API method: the function gets the call and returns the answer's fields beside {@code ok}. */
    public void handle(String method, Function<Call, ObjectNode> handler) {
        methods.put(method, Objects.requireNonNull(handler, "handler"));
    }

    /** The next {@code times} calls of {@code method} answer with {@code failure}, after those already scripted. */
    public void failNext(String method, int times, Failure failure) {
        Deque<Failure> queue = failures.computeIfAbsent(method, m -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(failure);
            }
        }
    }

    /**
     * Calls of {@code method} closer than {@code interval} to the last one it served answer 429 with the seconds
     * left in {@code Retry-After} (at least 1), as Slack's rate limit tiers do.
     */
    public void limitRate(String method, java.time.Duration interval) {
        minIntervalNanos.put(method, interval.toNanos());
    }

    /** Forgets every request recorded so far. */
    public void clearRequests() {
        requests.clear();
    }

    /** Every request so far, oldest first. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests of one method, oldest first. */
    public List<Request> requests(String method) {
        return requests.stream().filter(request -> request.method().equals(method)).toList();
    }

    /** The messages posted: chat.postMessage requests answered with {@code ok:true}, oldest first. */
    public List<Request> posted() {
        return requests("chat.postMessage").stream().filter(Request::ok).toList();
    }

    /** Closes the listening socket: new connections are refused, as when Slack cannot be reached. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Serves again on the same port. */
    public synchronized void up() {
        if (closed) {
            throw new IllegalStateException("the fake Slack server is closed");
        }
        if (server == null) {
            server = bind(port);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        down();
        executor.shutdownNow();
    }

    private HttpServer bind(int wantedPort) {
        return LoopbackHttp.start(wantedPort, "/api/", this::serve, executor, "the fake Slack server");
    }

    private void serve(HttpExchange exchange) {
        Instant arrived = Instant.now();
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        try {
            Map<String, String> params = params(exchange);
            String given = givenToken(exchange, params);
            params.remove("token");
            Map<String, String> headers = headers(exchange);

            Failure failure = nextFailure(method);
            if (failure == null) {
                failure = tooSoon(method);
            }
            if (failure != null) {
                // Recorded before answering, so a test that sees the client done also sees the request.
                requests.add(new Request(method, exchange.getRequestMethod(), headers, params, arrived,
                        failure.status(), false, failure.error()));
                answerFailure(exchange, failure);
                return;
            }
            Function<Call, ObjectNode> handler = methods.get(method);
            ObjectNode answer;
            String error = null;
            if (handler == null) {
                error = "unknown_method";
            } else if (given == null) {
                error = "not_authed";
            } else if (!given.equals(token)) {
                error = "invalid_auth";
            }
            if (error == null) {
                try {
                    answer = JSON.createObjectNode().put("ok", true);
                    answer.setAll(handler.apply(new Call(method, params)));
                } catch (MethodError e) {
                    error = e.code();
                    answer = null;
                }
            } else {
                answer = null;
            }
            if (error != null) {
                answer = JSON.createObjectNode().put("ok", false).put("error", error);
            }
            requests.add(new Request(method, exchange.getRequestMethod(), headers, params, arrived, 200,
                    error == null, error));
            send(exchange, 200, answer);
        } catch (IOException e) {
            // The client went away; there is no one to answer.
        } finally {
            exchange.close();
        }
    }

    private Failure tooSoon(String method) {
        Long interval = minIntervalNanos.get(method);
        if (interval == null) {
            return null;
        }
        synchronized (minIntervalNanos) {
            long now = System.nanoTime();
            Long last = lastServedNanos.get(method);
            if (last != null && now - last < interval) {
                long left = interval - (now - last);
                return Failure.rateLimited((int) Math.max(1, (left + 999_999_999L) / 1_000_000_000L));
            }
            lastServedNanos.put(method, now);
            return null;
        }
    }

    private Failure nextFailure(String method) {
        Deque<Failure> queue = failures.get(method);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.poll();
        }
    }

    private static void answerFailure(HttpExchange exchange, Failure failure) throws IOException {
        if (failure.retryAfterSeconds() != null) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(failure.retryAfterSeconds()));
        }
        if (failure.error() == null) {
            byte[] body = "upstream connect error".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(failure.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        send(exchange, failure.status(), JSON.createObjectNode().put("ok", false).put("error", failure.error()));
    }

    private ObjectNode authTest(Call call) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("url", "https://teammate-test.slack.com/");
        answer.put("team", "Teammate Test");
        answer.put("user", "teammate");
        answer.put("team_id", TEAM_ID);
        answer.put("user_id", "U0TEAMMATE");
        answer.put("bot_id", BOT_ID);
        answer.put("is_enterprise_install", false);
        return answer;
    }

    private ObjectNode postMessage(Call call) {
        String channel = call.params().get("channel");
        if (channel == null || channel.isBlank()) {
            throw new MethodError("channel_not_found");
        }
        String id = channelIds.containsValue(channel) ? channel : channelIds.get(channel.replaceFirst("^#", ""));
        if (id == null) {
            throw new MethodError("channel_not_found");
        }
        if (!botIsMember.getOrDefault(id, false)) {
            throw new MethodError("not_in_channel");
        }
        String text = call.params().get("text");
        String blocks = call.params().get("blocks");
        if ((text == null || text.isBlank()) && (blocks == null || blocks.isBlank())) {
            throw new MethodError("no_text");
        }
        long number = messages.incrementAndGet();
        String ts = String.format("%d.%06d", 1_700_000_000L + number, number);

        ObjectNode answer = JSON.createObjectNode();
        answer.put("channel", id);
        answer.put("ts", ts);
        ObjectNode message = answer.putObject("message");
        message.put("type", "message");
        message.put("subtype", "bot_message");
        message.put("text", text == null ? "" : text);
        message.put("ts", ts);
        message.put("username", "teammate");
        message.put("bot_id", BOT_ID);
        if (blocks != null && !blocks.isBlank()) {
            try {
                message.set("blocks", (ArrayNode) JSON.readTree(blocks));
            } catch (JsonProcessingException | ClassCastException e) {
                throw new MethodError("invalid_blocks_format");
            }
        }
        return answer;
    }

    private static Map<String, String> params(HttpExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            params.putAll(form(query));
        }
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String type = Objects.toString(exchange.getRequestHeaders().getFirst("Content-Type"), "");
        if (type.startsWith("application/json")) {
            JsonNode root = JSON.readTree(body);
            root.fields().forEachRemaining(field -> params.put(field.getKey(),
                    field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString()));
        } else if (!body.isEmpty()) {
            params.putAll(form(body));
        }
        return params;
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value,
                    StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String givenToken(HttpExchange exchange, Map<String, String> params) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return authorization.substring("Bearer ".length()).strip();
        }
        String token = params.get("token");
        return token == null || token.isBlank() ? null : token;
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, name.equalsIgnoreCase(
                "Authorization") ? "(hidden)" : String.join(", ", values)));
        return headers;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
