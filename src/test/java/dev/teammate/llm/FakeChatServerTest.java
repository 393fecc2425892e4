package dev.teammate.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.teammate.llm.FakeChatServer.Message;
import dev.teammate.llm.FakeChatServer.Reply;
import dev.teammate.llm.FakeChatServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fake chat server as LangChain4j's real {@code OpenAiChatModel} sees it, so that tests built on the fake fail
 * the way they would against a real OpenAI-compatible server; plus the wire details a client library hides.
 */
class FakeChatServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSTEM = "Answer in one word.";
    private static final String QUESTION = "What is the capital of France?";

    private FakeChatServer server;

    @BeforeEach
    void startServer() {
        server = FakeChatServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void answersByModelAndPromptAndRecordsTheRequest() {
        server.answer(request -> request.model().equals("small-model") && request.userText().contains("capital")
                ? Reply.text("Paris")
                : Reply.status(400, "unexpected request"));

        ChatResponse response = model(Duration.ofSeconds(5)).chat(ask(QUESTION));

        assertThat(response.aiMessage().text()).isEqualTo("Paris");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        int promptChars = SYSTEM.length() + QUESTION.length();
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo((promptChars + 3) / 4);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(2);

        assertThat(server.requests()).hasSize(1);
        Request request = server.requests().get(0);
        assertThat(request.model()).isEqualTo("small-model");
        assertThat(request.messages()).containsExactly(new Message("system", SYSTEM), new Message("user", QUESTION));
        assertThat(request.maxTokens()).isEqualTo(100);
        assertThat(request.temperature()).isNull();
        assertThat(request.systemText()).isEqualTo(SYSTEM);
        assertThat(request.userText()).isEqualTo(QUESTION);
        assertThat(request.rawJson()).contains("\"max_tokens\"");
    }

    @Test
    void cutOffReplyFinishesWithLength() {
        server.answer(request -> Reply.cutOff("The capital of France is"));

        ChatResponse response = model(Duration.ofSeconds(5)).chat(ask(QUESTION));

        assertThat(response.aiMessage().text()).isEqualTo("The capital of France is");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void serverErrorThrowsInternalServerException() {
        server.answer(request -> Reply.status(500, "model crashed"));

        assertThatThrownBy(() -> model(Duration.ofSeconds(5)).chat(ask(QUESTION)))
                .isInstanceOf(InternalServerException.class)
                .hasMessageContaining("model crashed");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void tooManyRequestsThrowsRateLimitException() {
        server.answer(request -> Reply.tooManyRequests(7));

        assertThatThrownBy(() -> model(Duration.ofSeconds(5)).chat(ask(QUESTION)))
                .isInstanceOf(RateLimitException.class);
    }

    @Test
    void downRefusesConnectionsAndUpAnswersAgainOnTheSamePort() {
        OpenAiChatModel model = model(Duration.ofSeconds(5));
        assertThat(model.chat(ask("before")).aiMessage().text()).isEqualTo("ok");
        String baseUrl = server.baseUrl();

        server.down();
        // LangChain4j 1.10.0 wraps the JDK client's IOException in a plain RuntimeException, with no subclass of
        // its own; code that must tell "endpoint down" apart has to look at the cause.
        assertThatThrownBy(() -> model.chat(ask("while down")))
                .isExactlyInstanceOf(RuntimeException.class)
                .hasCauseInstanceOf(ConnectException.class);

        server.up();
        assertThat(server.baseUrl()).isEqualTo(baseUrl);
        assertThat(model.chat(ask("after")).aiMessage().text()).isEqualTo("ok");
        assertThat(server.requests()).extracting(Request::userText).containsExactly("before", "after");
    }

    @Test
    void answerInOrderGivesRepliesInTurnAndRepeatsTheLast() {
        server.answerInOrder(Reply.text("first"), Reply.cutOff("second"), Reply.text("third"));
        OpenAiChatModel model = model(Duration.ofSeconds(5));

        List<String> texts = new ArrayList<>();
        List<FinishReason> reasons = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ChatResponse response = model.chat(ask("question " + i));
            texts.add(response.aiMessage().text());
            reasons.add(response.finishReason());
        }

        assertThat(texts).containsExactly("first", "second", "third", "third");
        assertThat(reasons).containsExactly(FinishReason.STOP, FinishReason.LENGTH, FinishReason.STOP,
                FinishReason.STOP);
    }

    @Test
    void slowReplyPastTheClientTimeoutThrowsTimeoutException() {
        server.answer(request -> Reply.slow(Duration.ofSeconds(3), Reply.text("too late")));

        long started = System.nanoTime();
        assertThatThrownBy(() -> model(Duration.ofSeconds(1)).chat(ask(QUESTION)))
                .isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void answersParallelRequestsAtTheSameTime() throws Exception {
        int parallel = 4;
        CountDownLatch allArrived = new CountDownLatch(parallel);
        // Each answer waits until every request has arrived, which only happens if they are served side by side.
        server.answer(request -> {
            allArrived.countDown();
            try {
                return allArrived.await(5, TimeUnit.SECONDS)
                        ? Reply.text("echo " + request.userText())
                        : Reply.status(500, "requests were served one at a time");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Reply.status(500, "interrupted");
            }
        });
        OpenAiChatModel model = model(Duration.ofSeconds(8));

        ExecutorService clients = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                String question = "question " + i;
                answers.add(clients.submit(() -> model.chat(ask(question)).aiMessage().text()));
            }
            for (int i = 0; i < parallel; i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("echo question " + i);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(server.requests()).hasSize(parallel);
    }

    @Test
    void wireShapeFollowsOpenAi() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        server.answer(request -> request.userText().contains("rate") ? Reply.tooManyRequests(7)
                : Reply.text("four"));

        // Content as an array of parts and max_completion_tokens are what newer OpenAI clients send.
        HttpResponse<String> chat = http.send(post("""
                {"model":"m1","temperature":0.5,"max_completion_tokens":42,"messages":[
                 {"role":"system","content":[{"type":"text","text":"Be exact."}]},
                 {"role":"user","content":[{"type":"text","text":"two plus"},{"type":"text","text":"two?"}]}]}
                """), HttpResponse.BodyHandlers.ofString());
        assertThat(chat.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(chat.body());
        assertThat(body.get("id").asText()).startsWith("chatcmpl-");
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("created").asLong()).isPositive();
        assertThat(body.get("model").asText()).isEqualTo("m1");
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
        assertThat(choice.get("message").get("content").asText()).isEqualTo("four");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = body.get("usage");
        int promptChars = "Be exact.".length() + "two plus\ntwo?".length();
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo((promptChars + 3) / 4);
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(1);
        assertThat(usage.get("total_tokens").asInt()).isEqualTo((promptChars + 3) / 4 + 1);

        Request recorded = server.requests().get(0);
        assertThat(recorded.systemText()).isEqualTo("Be exact.");
        assertThat(recorded.userText()).isEqualTo("two plus\ntwo?");
        assertThat(recorded.maxTokens()).isEqualTo(42);
        assertThat(recorded.temperature()).isEqualTo(0.5);

        HttpResponse<String> limited = http.send(post("""
                {"model":"m1","messages":[{"role":"user","content":"rate me"}]}
                """), HttpResponse.BodyHandlers.ofString());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(JSON.readTree(limited.body()).get("error").get("code").asText()).isEqualTo("rate_limit_exceeded");

        HttpResponse<String> models = http.send(get("/models"), HttpResponse.BodyHandlers.ofString());
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(models.body()))
                .isEqualTo(JSON.readTree("{\"object\":\"list\",\"data\":[{\"id\":\"fake\",\"object\":\"model\"}]}"));

        HttpResponse<String> unknown = http.send(get("/embeddings"), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(unknown.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).contains("/v1/embeddings");

        assertThat(server.requests()).hasSize(2);
    }

    private OpenAiChatModel model(Duration timeout) {
        return OpenAiChatModel.builder()
                .baseUrl(server.baseUrl())
                .apiKey("test-key")
                .modelName("small-model")
                .maxTokens(100)
                .maxRetries(0)
                .timeout(timeout)
                .build();
    }

    private static ChatRequest ask(String question) {
        return ChatRequest.builder().messages(SystemMessage.from(SYSTEM), UserMessage.from(question)).build();
    }

    private HttpRequest post(String json) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build();
    }
}
