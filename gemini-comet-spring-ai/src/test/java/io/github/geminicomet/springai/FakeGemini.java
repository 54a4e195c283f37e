package io.github.geminicomet.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.RetrySettings;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FunctionDeclaration;
import io.github.geminicomet.model.FunctionResponse;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.Tool;

/**
 * A fake Gemini on 127.0.0.1 for the bridge's tests: each generation request takes the next scripted
 * answer, the last one answering again when none is left (a unary call its first response, a stream all of them as server-sent events, spaced by the
 * answer's delay) and is recorded. The tests of what {@code ChatClient} does over the wire use
 * {@code gemini-comet-test}'s {@code GeminiStub} ({@link GeminiCometChatModelStubTests}); this fake
 * serves the finer mapping tests.
 */
final class FakeGemini implements AutoCloseable {

	static final String API_KEY = "test-key";

	private final JsonMapper jsonMapper = JsonMapper.shared();

	private final Deque<Answer> answers = new ConcurrentLinkedDeque<>();

	private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	private volatile @Nullable Answer lastAnswer;

	FakeGemini() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).route((routes) -> routes.post("/v1beta/models/{call}", (request, response) -> request.receive()
				.aggregate()
				.asString()
				.flatMap((body) -> {
					String call = request.param("call");
					boolean streaming = call.endsWith(":streamGenerateContent");
					String model = call.substring(0, call.indexOf(':'));
					this.exchanges.add(new Exchange(model, streaming, body,
							this.jsonMapper.readValue(body, GenerateContentRequest.class)));
					Answer next = this.answers.poll();
					Answer answer = (next != null) ? next : this.lastAnswer;
					this.lastAnswer = answer;
					if (answer == null) {
						return response.status(500).sendString(Mono.just("{\"error\":{\"message\":\"nothing scripted\"}}"))
							.then();
					}
					if (!streaming) {
						return response.header("Content-Type", "application/json")
							.sendString(Mono.just(this.jsonMapper.writeValueAsString(answer.events().get(0))))
							.then();
					}
					Flux<String> events = Flux.fromIterable(answer.events())
						.concatMap((event) -> Mono.just("data: " + this.jsonMapper.writeValueAsString(event) + "\r\n\r\n")
							.delayElement(answer.delay()));
					return response.header("Content-Type", "text/event-stream")
						.sendString(events, java.nio.charset.StandardCharsets.UTF_8)
						.then();
				})))
			.bindNow();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * A template that talks to this fake, without retries.
	 */
	GeminiTemplate.Builder templateBuilder() {
		return GeminiTemplate.builder().baseUrl(baseUrl()).apiKey(API_KEY).retry(RetrySettings.NONE);
	}

	/**
	 * Script an answer: the responses, sent without delay.
	 */
	FakeGemini reply(GenerateContentResponse... events) {
		return replySlowly(Duration.ZERO, events);
	}

	/**
	 * Script an answer whose events are sent each after the given delay.
	 */
	FakeGemini replySlowly(Duration delay, GenerateContentResponse... events) {
		this.answers.add(new Answer(List.of(events), delay));
		return this;
	}

	List<Exchange> exchanges() {
		return List.copyOf(this.exchanges);
	}

	Exchange lastExchange() {
		return this.exchanges.get(this.exchanges.size() - 1);
	}

	void reset() {
		this.answers.clear();
		this.lastAnswer = null;
		this.exchanges.clear();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private record Answer(List<GenerateContentResponse> events, Duration delay) {
	}

	/**
	 * A recorded generation request.
	 */
	record Exchange(String model, boolean isStreaming, String body, GenerateContentRequest request) {

		List<Content> contents() {
			return (this.request.contents() != null) ? this.request.contents() : List.of();
		}

		/**
		 * The text of the last user turn.
		 */
		String prompt() {
			List<Content> contents = contents();
			return text(contents.get(contents.size() - 1));
		}

		String systemInstruction() {
			return (this.request.systemInstruction() != null) ? text(this.request.systemInstruction()) : "";
		}

		@Nullable GenerationConfig generationConfig() {
			return this.request.generationConfig();
		}

		List<Tool> tools() {
			return (this.request.tools() != null) ? this.request.tools() : List.of();
		}

		List<FunctionDeclaration> functionDeclarations() {
			List<FunctionDeclaration> declarations = new ArrayList<>();
			tools().stream().filter((tool) -> tool.functionDeclarations() != null)
				.forEach((tool) -> declarations.addAll(tool.functionDeclarations()));
			return declarations;
		}

		List<FunctionResponse> functionResponses() {
			return contents().stream()
				.flatMap((content) -> content.parts().stream())
				.map(Part::functionResponse)
				.filter((response) -> response != null)
				.toList();
		}

		private static String text(Content content) {
			StringBuilder text = new StringBuilder();
			content.parts().stream().filter((part) -> part.text() != null).forEach((part) -> text.append(part.text()));
			return text.toString();
		}

	}

}
