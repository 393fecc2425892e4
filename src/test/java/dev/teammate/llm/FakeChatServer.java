package dev.teammate.llm;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A local stand-in for an OpenAI-compatible chat completions server (llamafile, Ollama, vLLM, llama.cpp server,
 * OpenAI itself), for tests. Production code builds LangChain4j {@code OpenAiChatModel}s against a base URL; tests
 * point that base URL at {@link #baseUrl()} and script the answers with {@link #answer(Function)}.
 *
 * <p>It follows the non-streaming shape of OpenAI's Chat Completions API ({@code POST /v1/chat/completions}) as far
 * as LangChain4j's {@code OpenAiChatModel} sends and parses it, plus {@code GET /v1/models}, and answers failures with
 * OpenAI's error body {@code {"error":{"message":...,"type":...}}}. Token counts in {@code usage} are estimates of
 * one token per four characters, which is all a test can rely on from a real server anyway.
 *
 * <p>Every chat request is recorded, so a test can check which model was asked, with which messages and limits.
 * {@link #down()} and {@link #up()} take the endpoint away and bring it back on the same port, the way a local
 * model server that crashed and restarted looks to its clients. The server binds to 127.0.0.1 only and serves
 * requests on a few threads, so parallel calls work; all methods are safe to call from any thread.
 */
public final class FakeChatServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT_PATH = "/v1/chat/completions";
    private static final String MODELS_PATH = "/v1/models";
    private static final int THREADS = 8;

    /** One message of a recorded request; {@code content} is the text, with text parts joined by newlines. */
    public record Message(String role, String content) {
    }

    /** A chat request as the fake received it; {@code rawJson} is the body exactly as sent. */
    public record Request(String model, List<Message> messages, Integer maxTokens, Double temperature,
                          String rawJson) {

        public Request {
            messages = List.copyOf(messages);
        }

        /** The contents of all user messages, joined by newlines. */
        public String userText() {
            return textOf("user");
        }

        /** The contents of all system messages, joined by newlines. */
        public String systemText() {
            return textOf("system");
        }

        private String textOf(String role) {
            return messages.stream()
                    .filter(message -> role.equals(message.role()))
                    .map(Message::content)
                    .collect(Collectors.joining("\n"));
        }
    }

    /**
     * What the fake answers to one request: an HTTP status, the assistant's text (for an error status, the error
     * message), the finish reason of a successful reply, an optional {@code Retry-After} in seconds, and how long to
     * wait before answering. Build it with the static factories.
     */
    public record Reply(int status, String content, String finishReason, Integer retryAfterSeconds,
                        Duration delay) {

        public Reply {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative: " + delay);
            }
            if (status == 200 && finishReason == null) {
                throw new IllegalArgumentException("a successful reply needs a finish reason");
            }
            if (status != 200 && (status < 400 || status > 599)) {
                throw new IllegalArgumentException("status must be 200 or an error status 4xx/5xx: " + status);
            }
        }

        /** A whole reply: 200 with finish reason {@code stop}. */
        public static Reply text(String content) {
            return new Reply(200, content, "stop", null, Duration.ZERO);
        }

        /** A reply cut off by the token limit: 200 with finish reason {@code length}. */
        public static Reply cutOff(String content) {
            return new Reply(200, content, "length", null, Duration.ZERO);
        }

        /** An error: the given HTTP status with an OpenAI-style error body carrying the message. */
        public static Reply status(int code, String message) {
            return new Reply(code, message, null, null, Duration.ZERO);
        }

        /** A rate limit: 429 with a {@code Retry-After} header. */
        public static Reply tooManyRequests(int retryAfterSeconds) {
            return new Reply(429, "Rate limit reached, retry after " + retryAfterSeconds + " s", null,
                    retryAfterSeconds, Duration.ZERO);
        }

        /** The reply {@code then}, given only after {@code delay}; for timeout tests. */
        public static Reply slow(Duration delay, Reply then) {
            return new Reply(then.status, then.content, then.finishReason, then.retryAfterSeconds,
                    then.delay.plus(delay));
        }
    }

    private final ExecutorService executor;
    private final int port;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong completionIds = new AtomicLong();
    private volatile Function<Request, Reply> responder = request -> Reply.text("ok");
    private HttpServer server;
    private boolean closed;

    private FakeChatServer() {
        AtomicInteger threadNumber = new AtomicInteger();
        // Daemon threads, so a test that forgets to close the fake does not keep the JVM alive.
        this.executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "fake-chat-server-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    /** Starts a fake on a free port of 127.0.0.1, answering "ok" to every chat request until told otherwise. */
    public static FakeChatServer start() {
        return new FakeChatServer();
    }

    /** The base URL to give an OpenAI client, {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /**
     * Hub settings that send the shipped {@code small} and {@code large} tiers (their model names unchanged) to this
     * server, without LangChain4j's own retries, so a test sees each failure at once.
     */
    public Properties tierSettings() {
        Properties settings = new Properties();
        for (String tier : List.of("small", "large")) {
            settings.setProperty("teammate.llm." + tier + ".base-url", baseUrl());
            settings.setProperty("teammate.llm." + tier + ".max-retries", "0");
        }
        return settings;
    }

    /** Answers every following chat request with what {@code responder} makes of it. */
    public void answer(Function<Request, Reply> responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
    }

    /** Answers the following chat requests with these replies in turn, repeating the last one after that. */
    public void answerInOrder(Reply... replies) {
        if (replies.length == 0) {
            throw new IllegalArgumentException("answerInOrder needs at least one reply");
        }
        List<Reply> script = List.of(replies);
        AtomicInteger next = new AtomicInteger();
        answer(request -> script.get(Math.min(next.getAndIncrement(), script.size() - 1)));
    }

    /** The chat requests received so far, oldest first; a copy, so it does not change under the caller. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * Takes the endpoint away: the listening socket is closed, so new connections are refused, and open ones are
     * dropped without an answer. A client sees an I/O error at once rather than waiting for its timeout.
     */
    public synchronized void down() {
        requireOpen();
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Brings the endpoint back on the same port, as a restarted model server would come back. */
    public synchronized void up() {
        requireOpen();
        if (server == null) {
            server = bind(port);
        }
    }

    /** Stops the server at once, dropping requests still being answered. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.stop(0);
            server = null;
        }
        // Interrupts slow replies still sleeping, so their threads do not outlive the fake.
        executor.shutdownNow();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the fake chat server is closed");
        }
    }

    private HttpServer bind(int wantedPort) {
        return LoopbackHttp.start(wantedPort, "/", this::handle, executor, "the fake chat server");
    }

    private void handle(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(CHAT_PATH)) {
                if (method.equals("POST")) {
                    chat(exchange);
                } else {
                    sendError(exchange, 405, "Method " + method + " is not allowed on " + path);
                }
            } else if (path.equals(MODELS_PATH)) {
                if (method.equals("GET")) {
                    sendJson(exchange, 200, modelList());
                } else {
                    sendError(exchange, 405, "Method " + method + " is not allowed on " + path);
                }
            } else {
                sendError(exchange, 404, "Unknown request URL: " + method + " " + path);
            }
        } catch (IOException e) {
            // The client went away (timed out, or the fake was taken down); there is no one left to answer.
        } finally {
            exchange.close();
        }
    }

    private void chat(HttpExchange exchange) throws IOException {
        String body = readBody(exchange);
        Request request;
        try {
            request = parse(body);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            sendError(exchange, 400, "Could not parse the chat request: " + e.getMessage());
            return;
        }
        requests.add(request);

        Reply reply;
        try {
            reply = responder.apply(request);
            Objects.requireNonNull(reply, "the responder returned no reply");
        } catch (RuntimeException e) {
            // A broken script should fail the test loudly, not leave the client waiting for its timeout.
            sendError(exchange, 500, "The fake's responder failed: " + e);
            return;
        }

        if (!reply.delay().isZero()) {
            try {
                Thread.sleep(reply.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (reply.retryAfterSeconds() != null) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(reply.retryAfterSeconds()));
        }
        if (reply.status() == 200) {
            sendJson(exchange, 200, completion(request, reply));
        } else {
            sendError(exchange, reply.status(), reply.content());
        }
    }

    private static Request parse(String body) throws JsonProcessingException {
        JsonNode root = JSON.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        List<Message> messages = new ArrayList<>();
        for (JsonNode message : root.path("messages")) {
            messages.add(new Message(message.path("role").asText(null), contentText(message.get("content"))));
        }
        return new Request(
                root.path("model").asText(null),
                messages,
                // Newer OpenAI clients send max_completion_tokens instead of the deprecated max_tokens.
                integerOrNull(root.hasNonNull("max_tokens")
                        ? root.get("max_tokens") : root.get("max_completion_tokens")),
                root.hasNonNull("temperature") ? root.get("temperature").asDouble() : null,
                body);
    }

    private static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            // An assistant message that only calls tools has no content; an empty text keeps joins simple.
            return "";
        }
        if (content.isArray()) {
            List<String> texts = new ArrayList<>();
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText()) && part.has("text")) {
                    texts.add(part.get("text").asText());
                }
            }
            return String.join("\n", texts);
        }
        return content.asText();
    }

    private static Integer integerOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }

    private ObjectNode completion(Request request, Reply reply) {
        int promptChars = request.messages().stream().mapToInt(message -> message.content().length()).sum();
        int promptTokens = estimateTokens(promptChars);
        int completionTokens = estimateTokens(reply.content().length());

        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-" + completionIds.incrementAndGet());
        root.put("object", "chat.completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", request.model() == null ? "fake" : request.model());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", reply.content());
        choice.put("finish_reason", reply.finishReason());
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        return root;
    }

    private static int estimateTokens(int characters) {
        return (characters + 3) / 4;
    }

    private static ObjectNode modelList() {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        ObjectNode model = data.addObject();
        model.put("id", "fake");
        model.put("object", "model");
        return root;
    }

    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", errorType(status));
        error.putNull("param");
        if (status == 429) {
            error.put("code", "rate_limit_exceeded");
        } else {
            error.putNull("code");
        }
        sendJson(exchange, status, root);
    }

    private static String errorType(int status) {
        // The types OpenAI itself sends, in case code under test tells errors apart by them.
        if (status == 429) {
            return "requests";
        }
        return status >= 500 ? "server_error" : "invalid_request_error";
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
