package io.github.geminicomet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.Tool;

/**
 * A conversation with a model: each {@link #send(String) send} or {@link #stream(String) stream} sends
 * the whole history plus the new user turn, and, once the model has answered, appends both turns to the
 * history. The model's turn is kept exactly as sent (its {@code thoughtSignature}s and function calls
 * included); a streamed answer is aggregated into one turn (see {@link #stream(Content)}).
 *
 * <pre class="code">
 * GeminiChat chat = gemini.chat("gemini-3.5-flash-lite");
 * chat.send("My name is Ada.")
 *     .then(chat.send("What is my name?"))
 *     .map(GenerateContentResponse::text)
 *     .subscribe(System.out::println);
 * </pre>
 *
 * <p><strong>One exchange at a time.</strong> A chat is safe to share between threads, but its turns
 * are sequential: subscribing to a send or stream while another one of the same chat is in flight
 * signals {@link IllegalStateException}. Chain turns ({@code then}, {@code concatWith}), never run them
 * in parallel. Every send is cold: nothing is sent, and nothing is appended, until it is subscribed to;
 * subscribing twice sends twice.
 *
 * <p><strong>History.</strong> {@link #history()} returns an immutable {@link ChatHistory} snapshot,
 * safe to serialize with the template's {@code JsonMapper} and to restore with
 * {@link Builder#history(ChatHistory)}. Nothing is appended when a call fails, is cancelled, or is
 * blocked: a blocked prompt or answer signals {@link GeminiBlockedContentException}.
 *
 * @author gemini-comet
 * @since 0.1.0
 * @see GeminiOperations#chat(String)
 */
public final class GeminiChat {

	private final GeminiOperations operations;

	private final @Nullable String model;

	private final GenerateContentRequest settings;

	private final AtomicBoolean inFlight = new AtomicBoolean();

	private volatile ChatHistory history;

	private GeminiChat(GeminiOperations operations, @Nullable String model, GenerateContentRequest settings,
			ChatHistory history) {
		this.operations = operations;
		this.model = model;
		this.settings = settings;
		this.history = history;
	}

	/**
	 * Start a conversation with the default model of the operations.
	 * @param operations the operations that send each turn
	 * @return the chat
	 */
	public static GeminiChat create(GeminiOperations operations) {
		return builder(operations).build();
	}

	/**
	 * Start a conversation with the given model.
	 * @param operations the operations that send each turn
	 * @param model the model name, such as {@code gemini-3.5-flash-lite}
	 * @return the chat
	 */
	public static GeminiChat create(GeminiOperations operations, String model) {
		return builder(operations).model(model).build();
	}

	/**
	 * Return a builder for a conversation with a system instruction, tools, generation options or a saved
	 * history.
	 * @param operations the operations that send each turn
	 * @return the builder
	 */
	public static Builder builder(GeminiOperations operations) {
		return new Builder(operations);
	}

	/**
	 * Return the conversation so far.
	 * @return an immutable snapshot of the history
	 */
	public ChatHistory history() {
		return this.history;
	}

	/**
	 * Send a user message and return the model's answer.
	 * @param text the message
	 * @return the answer, as the API sent it
	 * @see #send(Content)
	 */
	public Mono<GenerateContentResponse> send(String text) {
		Assert.hasText(text, "'text' must not be empty");
		return send(Content.user(text));
	}

	/**
	 * Send a user turn (text, media, function responses) and return the model's answer. When it arrives,
	 * the user turn and the model's turn are appended to the history.
	 * @param userTurn the user turn; a turn without a role is sent as the user's
	 * @return the answer, as the API sent it, or an error: {@link GeminiBlockedContentException} when the
	 * prompt or the answer was blocked, {@link IllegalStateException} when another exchange of this chat
	 * is in flight
	 */
	public Mono<GenerateContentResponse> send(Content userTurn) {
		Content turn = userTurn(userTurn);
		return Mono.defer(() -> {
			if (!this.inFlight.compareAndSet(false, true)) {
				return Mono.error(busy());
			}
			ChatHistory before = this.history;
			GenerateContentRequest request = request(before, turn);
			Mono<GenerateContentResponse> call = Mono.defer(() -> (this.model != null)
					? this.operations.generateContent(this.model, request) : this.operations.generateContent(request));
			return call.<GenerateContentResponse>handle((response, sink) -> {
				if (response.isBlocked()) {
					sink.error(new GeminiBlockedContentException(response));
					return;
				}
				commit(before, turn, modelTurn(response));
				sink.next(response);
			}).doOnTerminate(this::release).doOnCancel(this::release);
		});
	}

	/**
	 * Stream the answer to a user message.
	 * @param text the message
	 * @return the events of the answer, as the API sent them
	 * @see #stream(Content)
	 */
	public Flux<GenerateContentResponse> stream(String text) {
		Assert.hasText(text, "'text' must not be empty");
		return stream(Content.user(text));
	}

	/**
	 * Stream the answer to a user turn. When the stream completes, the user turn and the model's turn are
	 * appended to the history as two entries: the events' parts are aggregated into one model turn, with
	 * consecutive text deltas of the same kind (thought or answer) merged into one part, every
	 * {@code thoughtSignature} kept (on empty-text trailers too), and function calls and other parts kept
	 * in order. A stream that fails or is cancelled appends nothing.
	 * @param userTurn the user turn; a turn without a role is sent as the user's
	 * @return the events of the answer, or an error: {@link GeminiBlockedContentException} when the
	 * prompt or the answer was blocked, {@link IllegalStateException} when another exchange of this chat
	 * is in flight
	 */
	public Flux<GenerateContentResponse> stream(Content userTurn) {
		Content turn = userTurn(userTurn);
		return Flux.defer(() -> {
			if (!this.inFlight.compareAndSet(false, true)) {
				return Flux.error(busy());
			}
			ChatHistory before = this.history;
			GenerateContentRequest request = request(before, turn);
			TurnAccumulator accumulator = new TurnAccumulator();
			Flux<GenerateContentResponse> events = Flux.defer(() -> (this.model != null)
					? this.operations.streamGenerateContent(this.model, request)
					: this.operations.streamGenerateContent(request));
			return events.<GenerateContentResponse>handle((event, sink) -> {
				if (event.isBlocked()) {
					sink.error(new GeminiBlockedContentException(event));
					return;
				}
				accumulator.add(event);
				sink.next(event);
			})
				.doOnComplete(() -> commit(before, turn, accumulator.toContent()))
				.doOnTerminate(this::release)
				.doOnCancel(this::release);
		});
	}

	private GenerateContentRequest request(ChatHistory history, Content turn) {
		List<Content> contents = new ArrayList<>(history.contents());
		contents.add(turn);
		return this.settings.toBuilder().contents(contents).build();
	}

	private void commit(ChatHistory before, Content userTurn, @Nullable Content modelTurn) {
		this.history = (modelTurn != null) ? before.append(userTurn, modelTurn) : before.append(userTurn);
	}

	private void release() {
		this.inFlight.set(false);
	}

	private static IllegalStateException busy() {
		return new IllegalStateException("This GeminiChat is already exchanging a turn: a chat sends one turn "
				+ "at a time, so chain the calls (then, concatWith) instead of subscribing to them concurrently");
	}

	private static Content userTurn(Content userTurn) {
		Assert.notNull(userTurn, "'userTurn' must not be null");
		Assert.notEmpty(userTurn.parts(), "'userTurn' must have parts");
		return (userTurn.role() != null) ? userTurn : new Content(Content.USER, userTurn.parts());
	}

	private static @Nullable Content modelTurn(GenerateContentResponse response) {
		Candidate candidate = response.firstCandidate();
		Content content = (candidate != null) ? candidate.content() : null;
		if (content == null || content.parts() == null || content.parts().isEmpty()) {
			return null;
		}
		return Content.MODEL.equals(content.role()) ? content : new Content(Content.MODEL, content.parts());
	}

	@Override
	public String toString() {
		return "GeminiChat[model=" + ((this.model != null) ? this.model : "(default)") + ", turns="
				+ this.history.size() + "]";
	}

	/**
	 * Mutable builder of {@link GeminiChat}; not thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final GeminiOperations operations;

		private @Nullable String model;

		private GenerateContentRequest.Builder settings = GenerateContentRequest.builder();

		private ChatHistory history = ChatHistory.empty();

		private Builder(GeminiOperations operations) {
			Assert.notNull(operations, "'operations' must not be null");
			this.operations = operations;
		}

		/**
		 * Set the model, instead of the default model of the operations.
		 * @param model the model name, such as {@code gemini-3.5-flash-lite}
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Set the settings sent with every turn: system instruction, tools, tool configuration, safety
		 * settings, generation options and cached content. The request's contents are ignored.
		 * @param settings a request holding the settings
		 * @return this builder
		 */
		public Builder settings(GenerateContentRequest settings) {
			Assert.notNull(settings, "'settings' must not be null");
			this.settings = settings.toBuilder().contents(null);
			return this;
		}

		/**
		 * Set the system instruction.
		 * @param systemInstruction the instruction
		 * @return this builder
		 */
		public Builder systemInstruction(String systemInstruction) {
			this.settings.systemInstruction(systemInstruction);
			return this;
		}

		/**
		 * Set the generation options sent with every turn.
		 * @param generationConfig the options
		 * @return this builder
		 */
		public Builder generationConfig(@Nullable GenerationConfig generationConfig) {
			this.settings.generationConfig(generationConfig);
			return this;
		}

		/**
		 * Add a tool the model may use in every turn, such as {@link Tool#GOOGLE_SEARCH}.
		 * @param tool the tool
		 * @return this builder
		 */
		public Builder addTool(Tool tool) {
			this.settings.addTool(tool);
			return this;
		}

		/**
		 * Start from a saved conversation.
		 * @param history the history to continue
		 * @return this builder
		 */
		public Builder history(ChatHistory history) {
			Assert.notNull(history, "'history' must not be null");
			this.history = history;
			return this;
		}

		/**
		 * Build the chat.
		 * @return a new chat
		 */
		public GeminiChat build() {
			return new GeminiChat(this.operations, this.model, this.settings.build(), this.history);
		}

	}

}
