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
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

/**
 * A batch job ({@code batches/{id}}): many generate requests ({@code batchGenerateContent}) or embedding
 * requests ({@code asyncBatchEmbedContent}) answered asynchronously at half the price, within 24 hours.
 * Read from the long-running operation the API answers with: the batch's fields in its {@code metadata},
 * the output in {@code metadata.output} (or the operation's {@code response}).
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
 * @param priority the batch's priority (higher runs first, 0 by default)
 * @author gemini-comet
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Batch(String name, @Nullable String model, @Nullable String displayName, @Nullable State state,
		@Nullable Stats stats, @Nullable Instant createTime, @Nullable Instant updateTime, @Nullable Instant endTime,
		@Nullable RpcStatus error, @Nullable Output output, @Nullable Long priority) {

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
				batch.createTime(), batch.updateTime(), batch.endTime(), error, output, batch.priority());
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
	 * file batch. The wire's {@code inlinedResponses} are generate responses for a generate batch and
	 * embeddings for an embedding batch (told apart by the output's {@code @type} or by the responses
	 * themselves; the {@code inlinedEmbedContentResponses} name that the SDKs use is read too): when
	 * nothing tells them apart (every request failed), both lists hold the same errors.
	 *
	 * @param responsesFile the result file, such as {@code files/batch-abc}
	 * @param inlinedResponses the results of an inline generate batch, in request order
	 * @param inlinedEmbedContentResponses the results of an inline embedding batch, in request order
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Output(@Nullable String responsesFile, @Nullable List<InlinedResponse> inlinedResponses,
			@Nullable List<InlinedEmbedContentResponse> inlinedEmbedContentResponses) {

		private static final String EMBED_OUTPUT = "EmbedContentBatchOutput";

		private static final String GENERATE_OUTPUT = "GenerateContentBatchOutput";

		/**
		 * Create an output, copying the responses.
		 */
		public Output {
			inlinedResponses = (inlinedResponses != null) ? List.copyOf(inlinedResponses) : null;
			inlinedEmbedContentResponses = (inlinedEmbedContentResponses != null)
					? List.copyOf(inlinedEmbedContentResponses) : null;
		}

		@JsonCreator
		static Output fromWire(@JsonProperty("@type") @Nullable String type,
				@JsonProperty("responsesFile") @Nullable String responsesFile,
				@JsonProperty("inlinedResponses") @Nullable InlinedResponses inlinedResponses,
				@JsonProperty("inlinedEmbedContentResponses") @Nullable InlinedResponses inlinedEmbedContentResponses,
				@JsonProperty("output") @Nullable Output output) {
			if (responsesFile == null && inlinedResponses == null && inlinedEmbedContentResponses == null
					&& output != null) {
				// an operation response that wraps the output ({"output": {...}})
				return output;
			}
			List<WireInlined> entries = (inlinedResponses != null) ? inlinedResponses.entries() : null;
			boolean embeddings = (type != null && type.endsWith(EMBED_OUTPUT)) || any(entries, true);
			boolean generated = (type != null && type.endsWith(GENERATE_OUTPUT)) || any(entries, false);
			List<InlinedResponse> generateResponses = (entries != null && (generated || !embeddings))
					? entries.stream().map(WireInlined::toGenerated).toList() : null;
			List<WireInlined> embedEntries = (inlinedEmbedContentResponses != null)
					? inlinedEmbedContentResponses.entries() : (embeddings || !generated) ? entries : null;
			List<InlinedEmbedContentResponse> embedResponses = (embedEntries != null)
					? embedEntries.stream().map(WireInlined::toEmbedded).toList() : null;
			return new Output(responsesFile, generateResponses, embedResponses);
		}

		private static boolean any(@Nullable List<WireInlined> entries, boolean embedding) {
			return entries != null && entries.stream()
				.anyMatch((entry) -> entry.response() != null && (entry.response().embedding() != null) == embedding);
		}

	}

	/**
	 * One result of an inline generate batch: a response or an error, with the metadata sent with its
	 * request.
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

	/**
	 * One result of an inline embedding batch: the embedding or an error, with the metadata sent with its
	 * request.
	 *
	 * @param response the response, when the request succeeded
	 * @param error the error, when it failed
	 * @param metadata the metadata of the request (the key, for batches created by this client)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record InlinedEmbedContentResponse(@Nullable EmbedContentResponse response, @Nullable RpcStatus error,
			@Nullable Map<String, Object> metadata) {

	}

	/** The wire's wrapper around the inline responses. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record InlinedResponses(@JsonProperty("inlinedResponses") @Nullable List<WireInlined> entries) {

	}

	/** One inline response as the wire has it, before it is known to be a generate or an embedding one. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record WireInlined(@Nullable WireResponse response, @Nullable RpcStatus error,
			@Nullable Map<String, Object> metadata) {

		InlinedResponse toGenerated() {
			return new InlinedResponse((this.response != null) ? this.response.generated() : null, this.error,
					this.metadata);
		}

		InlinedEmbedContentResponse toEmbedded() {
			return new InlinedEmbedContentResponse(
					(this.response != null) ? new EmbedContentResponse(this.response.embedding()) : null, this.error,
					this.metadata);
		}

	}

	/** A response read both ways: as a generate response and as an embedding response. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record WireResponse(@JsonUnwrapped @Nullable GenerateContentResponse generated,
			@Nullable ContentEmbedding embedding) {

	}

	/** The batch as the operation's metadata carries it. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Metadata(@Nullable String name, @Nullable String model, @Nullable String displayName,
			@Nullable State state, @Nullable Stats batchStats, @Nullable Instant createTime,
			@Nullable Instant updateTime, @Nullable Instant endTime, @Nullable Output output,
			@Nullable Long priority) {

		static final Metadata EMPTY = new Metadata(null, null, null, null, null, null, null, null, null, null);

	}

}
