package io.github.geminicomet;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.geminicomet.model.Batch;
import io.github.geminicomet.model.BatchRequest;
import io.github.geminicomet.model.BatchResult;
import io.github.geminicomet.model.EmbedBatchRequest;
import io.github.geminicomet.model.EmbeddingBatchResult;
import io.github.geminicomet.model.GeminiFile;

/**
 * Operations on batch jobs ({@code batches}): many generate requests, or many embedding requests, answered
 * asynchronously, usually well within 24 hours, at half the price of the same calls made one by one.
 * Obtained from {@link GeminiOperations#batches()}; every method is cold and signals the same errors as the
 * other calls of the template. Creating a batch is never retried, since a retry could start the job twice.
 * Both kinds of batch are the same {@code batches/{id}} resource: {@link #get}, {@link #list},
 * {@link #cancel}, {@link #delete} and {@link #awaitCompletion} serve both; their results are read with
 * {@link #results} and {@link #embeddingResults} respectively.
 *
 * <pre class="code">
 * gemini.batches()
 *     .create("gemini-3.5-flash-lite", List.of(BatchRequest.of("q1", request1), BatchRequest.of("q2", request2)), "nightly")
 *     .flatMap((batch) -&gt; gemini.batches().awaitCompletion(batch.name()))
 *     .flatMapMany((batch) -&gt; gemini.batches().results(batch.name()))
 *     .subscribe((result) -&gt; System.out.println(result.key() + ": " + (result.isSuccess() ? result.response().text() : result.error())));
 * </pre>
 *
 * <p>Embeddings the same way:
 * <pre class="code">
 * gemini.batches()
 *     .createEmbeddings("gemini-embedding-001", List.of(EmbedBatchRequest.of("doc1", EmbedContentRequest.of(text1))), "index")
 *     .flatMap((batch) -&gt; gemini.batches().awaitCompletion(batch.name()))
 *     .flatMapMany((batch) -&gt; gemini.batches().embeddingResults(batch.name()))
 *     .subscribe((result) -&gt; store(result.key(), result.embedding()));
 * </pre>
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public interface BatchOperations {

	/**
	 * The largest inline batch the API accepts: 20 MB of request body. Larger jobs go through a JSONL
	 * input file ({@link #createViaFile(String, Flux, String)}).
	 */
	long MAX_INLINE_SIZE = 20L * 1000 * 1000;

	/**
	 * Create a batch of inline requests ({@code POST models/{model}:batchGenerateContent}); never retried.
	 * @param model the model, such as {@code gemini-3.5-flash-lite}
	 * @param requests the requests, each with a key unique within the batch
	 * @param displayName the batch's name, or {@code null} for a generated one
	 * @return the created batch, usually {@code PENDING}
	 * @throws IllegalArgumentException (signalled) if there are no requests, keys repeat, or the body is
	 * over {@link #MAX_INLINE_SIZE} (use {@link #createViaFile(String, Flux, String)} then)
	 */
	Mono<Batch> create(String model, List<BatchRequest> requests, @Nullable String displayName);

	/**
	 * Create a batch from an uploaded JSONL file whose lines are {@code {"key": ..., "request": ...}}
	 * ({@code POST models/{model}:batchGenerateContent}); never retried.
	 * @param model the model, such as {@code gemini-3.5-flash-lite}
	 * @param jsonlInput the uploaded input file
	 * @param displayName the batch's name, or {@code null} for a generated one
	 * @return the created batch
	 */
	Mono<Batch> create(String model, GeminiFile jsonlInput, @Nullable String displayName);

	/**
	 * Create a batch too big to send inline: write the requests as a JSONL file on the disk, one line at
	 * a time as they arrive, upload it with {@link FileOperations}, create the batch from it and delete
	 * the local file.
	 * @param model the model, such as {@code gemini-3.5-flash-lite}
	 * @param requests the requests, each with a key unique within the batch
	 * @param displayName the batch's name, or {@code null} for a generated one
	 * @return the created batch
	 */
	Mono<Batch> createViaFile(String model, Flux<BatchRequest> requests, @Nullable String displayName);

	/**
	 * Create a batch of inline embedding requests ({@code POST models/{model}:asyncBatchEmbedContent});
	 * never retried.
	 * @param model the embedding model, such as {@code gemini-embedding-001}
	 * @param requests the requests, each with a key unique within the batch; a request's own {@code model},
	 * when set, must be {@code model}
	 * @param displayName the batch's name, or {@code null} for a generated one
	 * @return the created batch, usually {@code PENDING}
	 * @throws IllegalArgumentException (signalled) if there are no requests, keys repeat, a request names
	 * another model, or the body is over {@link #MAX_INLINE_SIZE} (use
	 * {@link #createEmbeddingsViaFile(String, Flux, String)} then)
	 * @since 0.2.0
	 */
	Mono<Batch> createEmbeddings(String model, List<EmbedBatchRequest> requests, @Nullable String displayName);

	/**
	 * Create an embedding batch from an uploaded JSONL file whose lines are {@code {"key": ...,
	 * "request": ...}} with an {@code EmbedContentRequest} as the request
	 * ({@code POST models/{model}:asyncBatchEmbedContent}); never retried.
	 * @param model the embedding model, such as {@code gemini-embedding-001}
	 * @param jsonlInput the uploaded input file
	 * @param displayName the batch's name, or {@code null} for a generated one
	 * @return the created batch
	 * @since 0.2.0
	 */
	Mono<Batch> createEmbeddings(String model, GeminiFile jsonlInput, @Nullable String displayName);

	/**
	 * Create an embedding batch too big to send inline: write the requests as a JSONL file on the disk,
	 * one line at a time as they arrive, upload it with {@link FileOperations}, create the batch from it and
	 * delete the local file.
	 * @param model the embedding model, such as {@code gemini-embedding-001}
	 * @param requests the requests, each with a key unique within the batch
	 * @param displayName the batch's name, or {@code null} for a generated one
	 * @return the created batch
	 * @since 0.2.0
	 */
	Mono<Batch> createEmbeddingsViaFile(String model, Flux<EmbedBatchRequest> requests, @Nullable String displayName);

	/**
	 * Get a batch ({@code GET batches/{id}}).
	 * @param name the name, such as {@code batches/abc123} (or just {@code abc123})
	 * @return the batch
	 */
	Mono<Batch> get(String name);

	/**
	 * List the batches of the project ({@code GET batches}), following every page.
	 * @return the batches
	 */
	Flux<Batch> list();

	/**
	 * Ask for a batch to be cancelled ({@code POST batches/{id}:cancel}); it then ends {@code CANCELLED}.
	 * @param name the name, such as {@code batches/abc123}
	 * @return completion once the request is accepted
	 */
	Mono<Void> cancel(String name);

	/**
	 * Delete a batch ({@code DELETE batches/{id}}); its results are gone with it.
	 * @param name the name, such as {@code batches/abc123}
	 * @return completion once deleted
	 */
	Mono<Void> delete(String name);

	/**
	 * Wait until a batch has ended, polling every 30 seconds for at most 48 hours (batches expire after
	 * 48 hours): see {@link #awaitCompletion(String, Duration, Duration)}.
	 * @param name the name, such as {@code batches/abc123}
	 * @return the ended batch
	 */
	Mono<Batch> awaitCompletion(String name);

	/**
	 * Wait until a batch has ended ({@link Batch#isDone()}: succeeded, failed, cancelled or expired),
	 * polling on a timer, never blocking a thread.
	 * @param name the name, such as {@code batches/abc123}
	 * @param pollInterval the delay between polls
	 * @param timeout how long to wait at most
	 * @return the ended batch, whatever its state; a {@link java.util.concurrent.TimeoutException} after the
	 * timeout
	 */
	Mono<Batch> awaitCompletion(String name, Duration pollInterval, Duration timeout);

	/**
	 * The results of a batch that has succeeded, each with its request's key: from the inline responses,
	 * or from the result file, read as it downloads, one line at a time (a large result file is never
	 * held in memory).
	 * @param name the name, such as {@code batches/abc123}
	 * @return the results; an {@link IllegalStateException} if the batch has not succeeded or holds
	 * embeddings
	 */
	Flux<BatchResult> results(String name);

	/**
	 * The results of an embedding batch that has succeeded, each with its request's key: from the inline
	 * responses, or from the result file, read as it downloads, one line at a time (a large result file is
	 * never held in memory).
	 * @param name the name, such as {@code batches/abc123}
	 * @return the results; an {@link IllegalStateException} if the batch has not succeeded or holds
	 * generate responses
	 * @since 0.2.0
	 */
	Flux<EmbeddingBatchResult> embeddingResults(String name);

}
