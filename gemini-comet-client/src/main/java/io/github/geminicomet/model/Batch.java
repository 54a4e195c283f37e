package io.github.geminicomet.model;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A batch job ({@code batches/{id}}): many generate requests answered asynchronously at half the price,
 * within 24 hours. Read from the long-running operation the API answers with: the batch's fields in its
 * {@code metadata}, the output in {@code metadata.output} (or the operation's {@code response}).
 *
 * @param name the resource name, such as {@code batches/abc123}
 * @param model the model, such as {@code models/gemini-3.5-flash-lite}
 * @param displayName the name given at creation
 * @param state the state (the wire's {@code BATCH_STATE_*} names)
 * @param stats how many requests succeeded, failed and are pending
 * @param createTime when the batch was created
 * @param updateTime when the batch was last updated
 * @param endTime when the batch ended
 * @param error why the whole batch failed
 * @param output the results once the batch has succeeded: inline responses or a responses file
 * @author gemini-comet
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Batch(String name, @Nullable String model, @Nullable String displayName, @Nullable State state,
		@Nullable Stats stats, @Nullable Instant createTime, @Nullable Instant updateTime, @Nullable Instant endTime,
		@Nullable RpcStatus error, @Nullable Output output) {

	/**
	 * Read a batch from the operation the API answers with.
	 * @param name the operation's name
	 * @param metadata the batch
	 * @param error the operation's error
	 * @param response the operation's response: the output once done
	 * @return the batch
	 */
	@JsonCreator
	static Batch fromOperation(@JsonProperty("name") @Nullable String name,
			@JsonProperty("metadata") @Nullable Metadata metadata, @JsonProperty("error") @Nullable RpcStatus error,
			@JsonProperty("response") @Nullable Output response) {
		Metadata batch = (metadata != null) ? metadata : Metadata.EMPTY;
		String batchName = (name != null) ? name : (batch.name() != null) ? batch.name() : "";
		Output output = (batch.output() != null) ? batch.output() : response;
		return new Batch(batchName, batch.model(), batch.displayName(), batch.state(), batch.batchStats(),
				batch.createTime(), batch.updateTime(), batch.endTime(), error, output);
	}

	/**
	 * Return whether the batch has ended: succeeded, failed, cancelled or expired.
	 * @return whether the state is terminal
	 */
	@JsonIgnore
	public boolean isDone() {
		return this.state != null && this.state.isTerminal();
	}

	/**
	 * The state of a batch. On the REST wire the names are {@code BATCH_STATE_PENDING} and so on (the
	 * SDKs' {@code JOB_STATE_*} names are read too).
	 */
	public enum State {

		/** Waiting to run. */
		PENDING,

		/** Running. */
		RUNNING,

		/** Done: its output holds a result per request (some may be errors). */
		SUCCEEDED,

		/** The whole batch failed (see {@link Batch#error()}). */
		FAILED,

		/** Cancelled. */
		CANCELLED,

		/** Not done within its 48 hours. */
		EXPIRED,

		/** A state this version does not know (including {@code BATCH_STATE_UNSPECIFIED}). */
		UNKNOWN;

		/**
		 * Return whether a batch in this state is done.
		 * @return whether the state is terminal
		 */
		public boolean isTerminal() {
			return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == EXPIRED;
		}

		/**
		 * Read a state from its wire name ({@code BATCH_STATE_SUCCEEDED}), {@link #UNKNOWN} for others.
		 * @param value the wire name
		 * @return the state
		 */
		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		public static State of(@Nullable String value) {
			if (value == null) {
				return UNKNOWN;
			}
			String upper = value.toUpperCase(Locale.ROOT);
			for (String prefix : List.of("BATCH_STATE_", "JOB_STATE_")) {
				if (upper.startsWith(prefix)) {
					return ModelSupport.parseEnum(State.class, upper.substring(prefix.length()), UNKNOWN);
				}
			}
			return UNKNOWN;
		}

		/**
		 * Return the REST wire name of this state.
		 * @return {@code BATCH_STATE_} and the name
		 */
		public String wireName() {
			return (this == UNKNOWN) ? "BATCH_STATE_UNSPECIFIED" : "BATCH_STATE_" + name();
		}

	}

	/**
	 * The request counts of a batch.
	 *
	 * @param requestCount the number of requests
	 * @param successfulRequestCount the number answered
	 * @param failedRequestCount the number that failed
	 * @param pendingRequestCount the number not yet processed
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Stats(@Nullable Long requestCount, @Nullable Long successfulRequestCount,
			@Nullable Long failedRequestCount, @Nullable Long pendingRequestCount) {

	}

	/**
	 * The output of a batch: the inline responses of an inline batch, or the name of the JSONL file of a
	 * file batch.
	 *
	 * @param responsesFile the result file, such as {@code files/batch-abc}
	 * @param inlinedResponses the results of an inline batch, in request order
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Output(@Nullable String responsesFile, @Nullable List<InlinedResponse> inlinedResponses) {

		/**
		 * Create an output, copying the responses.
		 */
		public Output {
			inlinedResponses = (inlinedResponses != null) ? List.copyOf(inlinedResponses) : null;
		}

		@JsonCreator
		static Output fromWire(@JsonProperty("responsesFile") @Nullable String responsesFile,
				@JsonProperty("inlinedResponses") @Nullable InlinedResponses inlinedResponses) {
			return new Output(responsesFile, (inlinedResponses != null) ? inlinedResponses.inlinedResponses() : null);
		}

	}

	/**
	 * One result of an inline batch: a response or an error, with the metadata sent with its request.
	 *
	 * @param response the response, when the request succeeded
	 * @param error the error, when it failed
	 * @param metadata the metadata of the request (the key, for batches created by this client)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record InlinedResponse(@Nullable GenerateContentResponse response, @Nullable RpcStatus error,
			@Nullable Map<String, Object> metadata) {

	}

	/** The wire's wrapper around the inline responses. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record InlinedResponses(@Nullable List<InlinedResponse> inlinedResponses) {

	}

	/** The batch as the operation's metadata carries it. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Metadata(@Nullable String name, @Nullable String model, @Nullable String displayName,
			@Nullable State state, @Nullable Stats batchStats, @Nullable Instant createTime,
			@Nullable Instant updateTime, @Nullable Instant endTime, @Nullable Output output) {

		static final Metadata EMPTY = new Metadata(null, null, null, null, null, null, null, null, null);

	}

}
