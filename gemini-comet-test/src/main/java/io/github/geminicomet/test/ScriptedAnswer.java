package io.github.geminicomet.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

import io.github.geminicomet.model.Blob;
import io.github.geminicomet.model.BlockReason;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.FunctionCall;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GroundingChunk;
import io.github.geminicomet.model.GroundingMetadata;
import io.github.geminicomet.model.GroundingSupport;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.Segment;
import io.github.geminicomet.model.UsageMetadata;

/**
 * One answer of a {@link GeminiStub} to a {@code generateContent} or {@code streamGenerateContent}
 * request: the model's turn (thoughts, text, function calls, images), its finish reason, usage and
 * grounding, or an error. The same answer serves both kinds of request: a unary call gets one response
 * whose consecutive text chunks are merged, a stream gets one server-sent event per chunk, the last
 * one carrying the finish reason, the usage and the grounding metadata.
 *
 * <p>Created by the scripting methods of {@link GeminiStub} ({@code stub.replyText("Rex")}) or by the
 * static factories here (for a {@link Responder}), then refined with the {@code with...} methods:
 *
 * <pre class="code">
 * stub.streamText("Paris ", "is the capital.")
 *     .withThoughts("The user asks about France.")
 *     .withCitation("Paris is the capital", "https://example.com/france", "France")
 *     .withUsage(8, 5);
 * </pre>
 *
 * <p>Thread-safe: an answer may be refined after it was scripted, and is read when a request arrives.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public final class ScriptedAnswer {

	private static final JsonMapper defaultJsonMapper = JsonMapper.builder().build();

	private final List<Part> thoughts = new ArrayList<>();

	private final List<Part> parts = new ArrayList<>();

	private final List<GroundingChunk> groundingChunks = new ArrayList<>();

	private final List<GroundingSupport> groundingSupports = new ArrayList<>();

	private final List<String> searchQueries = new ArrayList<>();

	private @Nullable GroundingMetadata grounding;

	private @Nullable UsageMetadata usage;

	private FinishReason finishReason = FinishReason.STOP;

	private @Nullable BlockReason blockReason;

	private @Nullable List<GenerateContentResponse> rawEvents;

	private Duration delay = Duration.ZERO;

	private Duration chunkDelay = Duration.ZERO;

	private int chunkSize;

	private final int errorStatus;

	private final @Nullable String errorMessage;

	private @Nullable Duration retryDelay;

	private ScriptedAnswer() {
		this(0, null);
	}

	private ScriptedAnswer(int errorStatus, @Nullable String errorMessage) {
		this.errorStatus = errorStatus;
		this.errorMessage = errorMessage;
	}

	/**
	 * An answer with the given text, sent as one chunk.
	 * @param text the answer's text
	 * @return the answer
	 */
	public static ScriptedAnswer text(String text) {
		Assert.notNull(text, "'text' must not be null");
		ScriptedAnswer answer = new ScriptedAnswer();
		answer.parts.add(Part.text(text));
		return answer;
	}

	/**
	 * An answer streamed in the given chunks, one server-sent event each (a unary call gets them joined).
	 * @param chunks the text chunks, in order
	 * @return the answer
	 */
	public static ScriptedAnswer textChunks(String... chunks) {
		Assert.notEmpty(chunks, "'chunks' must not be empty");
		ScriptedAnswer answer = new ScriptedAnswer();
		for (String chunk : chunks) {
			Assert.notNull(chunk, "'chunks' must not contain null");
			answer.parts.add(Part.text(chunk));
		}
		return answer;
	}

	/**
	 * An answer whose text is the JSON form of the given value, as a model asked for structured output
	 * ({@code responseSchema}) sends it.
	 * @param value the value, such as a record or a map, written with a default Jackson 3
	 * {@code JsonMapper}
	 * @return the answer
	 */
	public static ScriptedAnswer json(@Nullable Object value) {
		return text(defaultJsonMapper.writeValueAsString(value));
	}

	/**
	 * An answer that asks the application to call a function.
	 * @param name the function name
	 * @param args the arguments, as the JSON object the model sends
	 * @return the answer
	 * @see #andCallFunction(String, Map)
	 */
	public static ScriptedAnswer functionCall(String name, Map<String, ?> args) {
		return new ScriptedAnswer().andCallFunction(name, args);
	}

	/**
	 * An answer with a generated image (an {@code inlineData} part).
	 * @param mimeType the image's MIME type, such as {@code image/png}
	 * @param data the image's bytes
	 * @return the answer
	 */
	public static ScriptedAnswer image(String mimeType, byte[] data) {
		return new ScriptedAnswer().withImage(mimeType, data);
	}

	/**
	 * An answer that blocks the prompt ({@code promptFeedback.blockReason}, no candidate).
	 * @param reason the block reason, such as {@link BlockReason#SAFETY}
	 * @return the answer
	 */
	public static ScriptedAnswer blockedPrompt(BlockReason reason) {
		Assert.notNull(reason, "'reason' must not be null");
		ScriptedAnswer answer = new ScriptedAnswer();
		answer.blockReason = reason;
		return answer;
	}

	/**
	 * An error answer: the HTTP status and a Gemini error body ({@code {"error": {"code", "message",
	 * "status"}}}, the status named as Google's APIs name it, such as {@code RESOURCE_EXHAUSTED} for 429).
	 * @param status the HTTP status, 400 to 599
	 * @param message the error message
	 * @return the answer
	 * @see #withRetryDelay(Duration)
	 */
	public static ScriptedAnswer error(int status, String message) {
		Assert.isTrue(status >= 400 && status <= 599, "'status' must be an error status (400 to 599)");
		Assert.notNull(message, "'message' must not be null");
		return new ScriptedAnswer(status, message);
	}

	/**
	 * An answer made of the given responses exactly as they are: a unary call gets the first one, a
	 * stream gets them all as events.
	 * @param events the responses, at least one
	 * @return the answer
	 */
	public static ScriptedAnswer of(GenerateContentResponse... events) {
		Assert.notEmpty(events, "'events' must not be empty");
		ScriptedAnswer answer = new ScriptedAnswer();
		answer.rawEvents = List.of(events);
		return answer;
	}

	/**
	 * Add thought summaries before the answer, one server-sent event per chunk when streamed (a unary
	 * call gets them joined in one thought part). Real models send them only when the request asks with
	 * {@code thinkingConfig.includeThoughts}; the stub sends them anyway.
	 * @param chunks the thought chunks, in order
	 * @return this answer
	 */
	public synchronized ScriptedAnswer withThoughts(String... chunks) {
		for (String chunk : chunks) {
			Assert.notNull(chunk, "'chunks' must not contain null");
			this.thoughts.add(new Part(chunk, null, null, null, null, null, null, null, null, null, Boolean.TRUE, null,
					null));
		}
		return this;
	}

	/**
	 * Add a text chunk after the parts so far (an image's caption, say).
	 * @param text the text
	 * @return this answer
	 */
	public synchronized ScriptedAnswer withText(String text) {
		Assert.notNull(text, "'text' must not be null");
		this.parts.add(Part.text(text));
		return this;
	}

	/**
	 * Add an image after the parts so far.
	 * @param mimeType the image's MIME type, such as {@code image/png}
	 * @param data the image's bytes
	 * @return this answer
	 */
	public synchronized ScriptedAnswer withImage(String mimeType, byte[] data) {
		Assert.hasText(mimeType, "'mimeType' must not be empty");
		Assert.notNull(data, "'data' must not be null");
		this.parts.add(Part.inlineData(Blob.of(mimeType, data)));
		return this;
	}

	/**
	 * Add a function call to this answer's turn: several calls in one answer are parallel calls.
	 * @param name the function name
	 * @param args the arguments
	 * @return this answer
	 */
	public synchronized ScriptedAnswer andCallFunction(String name, Map<String, ?> args) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(args, "'args' must not be null");
		this.parts.add(new Part(null, null, null, new FunctionCall(null, name, new LinkedHashMap<>(args)), null, null,
				null, null, null, null, null, null, null));
		return this;
	}

	/**
	 * Set the token counts; without this, they are estimated from the request's and the answer's text
	 * (about four characters a token).
	 * @param promptTokens the prompt's token count
	 * @param candidatesTokens the answer's token count
	 * @return this answer
	 */
	public ScriptedAnswer withUsage(int promptTokens, int candidatesTokens) {
		return withUsage(new UsageMetadata(promptTokens, null, candidatesTokens, null, null,
				promptTokens + candidatesTokens, null, null, null, null, null, null));
	}

	/**
	 * Set the usage metadata exactly.
	 * @param usage the usage
	 * @return this answer
	 */
	public synchronized ScriptedAnswer withUsage(UsageMetadata usage) {
		Assert.notNull(usage, "'usage' must not be null");
		this.usage = usage;
		return this;
	}

	/**
	 * Ground a passage of the answer in a web source, as Google Search grounding does: adds a grounding
	 * chunk for the source and a grounding support whose segment covers the passage (UTF-8 byte offsets
	 * into the answer's text, as the API sends them).
	 * @param passage text that occurs in the answer
	 * @param uri the source's URI
	 * @param title the source's title
	 * @return this answer
	 * @throws IllegalArgumentException if the answer's text does not contain the passage
	 */
	public synchronized ScriptedAnswer withCitation(String passage, String uri, String title) {
		Assert.hasText(passage, "'passage' must not be empty");
		String text = ScriptedTurn.join(this.parts);
		int start = text.indexOf(passage);
		Assert.isTrue(start >= 0, () -> "The answer's text does not contain '" + passage + "'");
		int startByte = text.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
		int endByte = startByte + passage.getBytes(StandardCharsets.UTF_8).length;
		this.groundingChunks.add(new GroundingChunk(new GroundingChunk.Web(uri, title), null, null));
		this.groundingSupports.add(new GroundingSupport(new Segment(null, startByte, endByte, passage),
				List.of(this.groundingChunks.size() - 1), List.of(0.9)));
		return this;
	}

	/**
	 * Add the web search queries that grounding reports ({@code groundingMetadata.webSearchQueries}).
	 * @param queries the queries
	 * @return this answer
	 */
	public synchronized ScriptedAnswer withSearchQueries(String... queries) {
		for (String query : queries) {
			Assert.notNull(query, "'queries' must not contain null");
			this.searchQueries.add(query);
		}
		return this;
	}

	/**
	 * Set the grounding metadata exactly (replacing any {@link #withCitation citations}).
	 * @param grounding the grounding metadata
	 * @return this answer
	 */
	public synchronized ScriptedAnswer withGrounding(GroundingMetadata grounding) {
		Assert.notNull(grounding, "'grounding' must not be null");
		this.grounding = grounding;
		return this;
	}

	/**
	 * Set the finish reason ({@link FinishReason#STOP} by default), such as
	 * {@link FinishReason#MAX_TOKENS} or {@link FinishReason#SAFETY}.
	 * @param finishReason the finish reason
	 * @return this answer
	 */
	public synchronized ScriptedAnswer withFinishReason(FinishReason finishReason) {
		Assert.notNull(finishReason, "'finishReason' must not be null");
		this.finishReason = finishReason;
		return this;
	}

	/**
	 * Wait before answering (before the status line), to exercise timeouts.
	 * @param delay the delay
	 * @return this answer
	 */
	public synchronized ScriptedAnswer withDelay(Duration delay) {
		Assert.isTrue(delay != null && !delay.isNegative(), "'delay' must not be negative");
		this.delay = delay;
		return this;
	}

	/**
	 * Wait between the events of a stream, so that a client sees them arrive one by one.
	 * @param chunkDelay the delay between two events
	 * @return this answer
	 */
	public synchronized ScriptedAnswer withChunkDelay(Duration chunkDelay) {
		Assert.isTrue(chunkDelay != null && !chunkDelay.isNegative(), "'chunkDelay' must not be negative");
		this.chunkDelay = chunkDelay;
		return this;
	}

	/**
	 * Stream the answer's text in chunks of at most the given number of characters, whatever chunks it
	 * was scripted in (to test incremental parsing, such as {@code streamObjects}).
	 * @param characters the largest chunk, in characters
	 * @return this answer
	 */
	public synchronized ScriptedAnswer streamedInChunksOf(int characters) {
		Assert.isTrue(characters > 0, "'characters' must be positive");
		this.chunkSize = characters;
		return this;
	}

	/**
	 * Add a {@code RetryInfo} detail with the given delay to this error answer, as Gemini does for 429.
	 * @param retryDelay the delay the client should wait
	 * @return this answer
	 */
	public synchronized ScriptedAnswer withRetryDelay(Duration retryDelay) {
		Assert.state(isError(), "Only an error answer has a retry delay");
		Assert.isTrue(retryDelay != null && !retryDelay.isNegative(), "'retryDelay' must not be negative");
		this.retryDelay = retryDelay;
		return this;
	}

	boolean isError() {
		return this.errorStatus != 0;
	}

	int errorStatus() {
		return this.errorStatus;
	}

	synchronized Duration delay() {
		return this.delay;
	}

	synchronized Duration chunkDelay() {
		return this.chunkDelay;
	}

	/**
	 * The Gemini error body of an error answer.
	 */
	synchronized Map<String, Object> errorBody() {
		return GeminiErrorBody.of(this.errorStatus, (this.errorMessage != null) ? this.errorMessage : "",
				this.retryDelay);
	}

	/**
	 * The unary response: thoughts joined in one part, consecutive text chunks joined.
	 */
	synchronized GenerateContentResponse response(RecordedRequest request, String responseId) {
		if (this.rawEvents != null) {
			return this.rawEvents.get(0);
		}
		return turn().response(request, responseId);
	}

	/**
	 * The stream: one event per chunk, the last one with finish reason, usage and grounding.
	 */
	synchronized List<GenerateContentResponse> events(RecordedRequest request, String responseId) {
		if (this.rawEvents != null) {
			return this.rawEvents;
		}
		return turn().events(request, responseId);
	}

	private ScriptedTurn turn() {
		return new ScriptedTurn(this.thoughts, this.parts, grounding(), this.usage, this.finishReason,
				this.blockReason, this.chunkSize);
	}

	private @Nullable GroundingMetadata grounding() {
		if (this.grounding != null) {
			return this.grounding;
		}
		if (this.groundingChunks.isEmpty() && this.searchQueries.isEmpty()) {
			return null;
		}
		return new GroundingMetadata(null, this.groundingChunks, this.groundingSupports, null,
				this.searchQueries.isEmpty() ? null : this.searchQueries, null);
	}

	@Override
	public synchronized String toString() {
		if (isError()) {
			return "ScriptedAnswer[error " + this.errorStatus + "]";
		}
		return "ScriptedAnswer[" + this.thoughts.size() + " thought chunks, " + this.parts.size() + " parts"
				+ ((this.blockReason != null) ? ", blocked " + this.blockReason.name().toLowerCase(Locale.ROOT) : "")
				+ "]";
	}

}
