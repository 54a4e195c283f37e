package io.github.geminicomet.observation;

import java.net.URI;
import java.time.Duration;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.UsageMetadata;

/**
 * {@link Observation.Context} of one Gemini call (unary or stream, retries included). Filled in by
 * {@code GeminiTemplate} as the call proceeds; read by conventions and handlers when it stops.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiObservationContext extends Observation.Context {

	/**
	 * Value of {@code gen_ai.operation.name} for generateContent and streamGenerateContent.
	 */
	public static final String GENERATE_CONTENT = "generate_content";

	/**
	 * Value of {@code gen_ai.operation.name} for embedContent and batchEmbedContents.
	 */
	public static final String EMBEDDINGS = "embeddings";

	/**
	 * Value of {@code gen_ai.operation.name} for countTokens.
	 */
	public static final String COUNT_TOKENS = "count_tokens";

	private final String operationName;

	private final String requestModel;

	private final boolean streaming;

	private final URI uri;

	private final @Nullable GenerateContentRequest request;

	private @Nullable GenerateContentResponse response;

	private int answerTextLimit;

	private @Nullable StringBuilder answerText;

	private long answerTextLength;

	private @Nullable UsageMetadata usage;

	private @Nullable String responseModel;

	private @Nullable String responseId;

	private @Nullable FinishReason finishReason;

	private @Nullable Duration timeToFirstChunk;

	private int chunkCount;

	private int attempts = 1;

	private boolean cancelled;

	private int statusCode;

	private boolean blocked;

	/**
	 * Create a new context.
	 * @param operationName the operation, such as {@link #GENERATE_CONTENT}
	 * @param requestModel the model named in the request
	 * @param streaming whether the call is a stream
	 * @param uri the URI called (never holds the key)
	 * @param request the request sent, or the contents counted; {@code null} for embeddings
	 */
	public GeminiObservationContext(String operationName, String requestModel, boolean streaming, URI uri,
			@Nullable GenerateContentRequest request) {
		this.operationName = operationName;
		this.requestModel = requestModel;
		this.streaming = streaming;
		this.uri = uri;
		this.request = request;
	}

	/**
	 * Return the operation name ({@code gen_ai.operation.name}).
	 * @return the operation name
	 */
	public String getOperationName() {
		return this.operationName;
	}

	/**
	 * Return the model named in the request.
	 * @return the request model
	 */
	public String getRequestModel() {
		return this.requestModel;
	}

	/**
	 * Return whether the call is a stream.
	 * @return whether the call streams
	 */
	public boolean isStreaming() {
		return this.streaming;
	}

	/**
	 * Return the URI called.
	 * @return the URI
	 */
	public URI getUri() {
		return this.uri;
	}

	/**
	 * Return the request sent (for {@link #COUNT_TOKENS}, the contents counted). Its content is the
	 * user's prompt: keep it out of tags and logs unless the user opted in.
	 * @return the request, or {@code null} for {@link #EMBEDDINGS}
	 */
	public @Nullable GenerateContentRequest getRequest() {
		return this.request;
	}

	/**
	 * Return the response (for a stream, the last event).
	 * @return the response, or {@code null} before one arrived
	 */
	public @Nullable GenerateContentResponse getResponse() {
		return this.response;
	}

	/**
	 * Return the final usage: the {@code usageMetadata} of the response, or of the last stream event
	 * that carried one (stream usage is cumulative, never summed across events).
	 * @return the usage, or {@code null} when none arrived
	 */
	public @Nullable UsageMetadata getUsage() {
		return this.usage;
	}

	/**
	 * Return the model that answered ({@code modelVersion}).
	 * @return the response model, or {@code null} when unknown
	 */
	public @Nullable String getResponseModel() {
		return this.responseModel;
	}

	/**
	 * Return the response id.
	 * @return the response id, or {@code null} when unknown
	 */
	public @Nullable String getResponseId() {
		return this.responseId;
	}

	/**
	 * Return the finish reason of the first candidate.
	 * @return the finish reason, or {@code null} when none arrived
	 */
	public @Nullable FinishReason getFinishReason() {
		return this.finishReason;
	}

	/**
	 * Return the time from the start of the call to the first stream event.
	 * @return the time to first chunk, or {@code null} for unary calls and streams without events
	 */
	public @Nullable Duration getTimeToFirstChunk() {
		return this.timeToFirstChunk;
	}

	/**
	 * Return the number of stream events received.
	 * @return the chunk count
	 */
	public int getChunkCount() {
		return this.chunkCount;
	}

	/**
	 * Return the number of attempts made, retries included.
	 * @return the attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Return the HTTP status of the error answer the call failed with.
	 * @return the status code, or {@code 0} when the call did not fail with an error answer
	 * @since 0.2.0
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Return whether the call failed because the prompt or the answer was blocked.
	 * @return whether the call was blocked
	 * @since 0.2.0
	 */
	public boolean isBlocked() {
		return this.blocked;
	}

	/**
	 * Return whether the subscriber cancelled the call.
	 * @return whether the call was cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * Record a response: a unary answer, or one stream event.
	 * @param response the response or event
	 */
	public void onResponse(GenerateContentResponse response) {
		this.response = response;
		if (response.usageMetadata() != null) {
			this.usage = response.usageMetadata();
		}
		if (response.modelVersion() != null) {
			this.responseModel = response.modelVersion();
		}
		if (response.responseId() != null) {
			this.responseId = response.responseId();
		}
		if (response.finishReason() != null) {
			this.finishReason = response.finishReason();
		}
		if (this.answerText != null) {
			// a stream's events are deltas of one answer; a unary response is the whole of it
			String text = response.text();
			this.answerTextLength += text.length();
			int room = this.answerTextLimit - this.answerText.length();
			if (room > 0) {
				this.answerText.append(text, 0, Math.min(room, text.length()));
			}
		}
	}

	/**
	 * Record one stream event.
	 * @param event the event
	 * @param sinceStart the time elapsed since the call started
	 */
	public void onChunk(GenerateContentResponse event, Duration sinceStart) {
		if (this.chunkCount == 0) {
			this.timeToFirstChunk = sinceStart;
		}
		this.chunkCount++;
		onResponse(event);
	}

	/**
	 * Keep the answer text as it arrives (a stream's events joined), up to {@code limit} characters, for
	 * {@link #getAnswerText()}. None is kept unless a handler asks for it in
	 * {@link io.micrometer.observation.ObservationHandler#onStart onStart}.
	 * @param limit the most characters kept
	 */
	public void captureAnswerText(int limit) {
		if (limit > this.answerTextLimit) {
			this.answerTextLimit = limit;
			if (this.answerText == null) {
				this.answerText = new StringBuilder(Math.min(limit, 256));
			}
		}
	}

	/**
	 * Return the answer's text, thoughts left out (for a stream, its events' text joined), as far as
	 * {@link #captureAnswerText(int) captured}.
	 * @return the answer text, empty when none arrived or none was captured
	 */
	public String getAnswerText() {
		return (this.answerText != null) ? this.answerText.toString() : "";
	}

	/**
	 * Return the length of the whole answer text, of which {@link #getAnswerText()} may hold only the
	 * captured start.
	 * @return the number of characters of the answer
	 */
	public long getAnswerTextLength() {
		return this.answerTextLength;
	}

	/**
	 * Set the number of attempts made.
	 * @param attempts the attempts
	 */
	public void setAttempts(int attempts) {
		this.attempts = attempts;
	}

	/**
	 * Mark the call as cancelled by its subscriber.
	 */
	public void setCancelled() {
		this.cancelled = true;
	}

	/**
	 * Set the HTTP status of the error answer the call failed with.
	 * @param statusCode the status code
	 * @since 0.2.0
	 */
	public void setStatusCode(int statusCode) {
		this.statusCode = statusCode;
	}

	/**
	 * Mark the call as failed because the prompt or the answer was blocked.
	 * @since 0.2.0
	 */
	public void setBlocked() {
		this.blocked = true;
	}

}
