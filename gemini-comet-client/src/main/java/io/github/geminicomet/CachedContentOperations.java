package io.github.geminicomet;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.geminicomet.model.CachedContent;

/**
 * Operations on cached content ({@code cachedContents}): a large context (documents, a long system
 * instruction, tools) stored once and referenced by many requests through
 * {@code GenerateContentRequest.builder().cachedContent(name)}, billed at a lower rate per use.
 * Obtained from {@link GeminiOperations#cachedContents()}; every method is cold and signals the same
 * errors as the other calls of the template.
 *
 * <pre class="code">
 * gemini.cachedContents()
 *     .create(CachedContent.builder().model("gemini-3.5-flash-lite").addContent(manual).ttl(Duration.ofHours(1)).build())
 *     .flatMap((cache) -&gt; gemini.generateContent("gemini-3.5-flash-lite", GenerateContentRequest.builder()
 *         .cachedContent(cache.name()).addContent(Content.user("Summarize chapter 3")).build()));
 * </pre>
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public interface CachedContentOperations {

	/**
	 * Create cached content ({@code POST cachedContents}).
	 * @param cachedContent the content to cache; its model is required, and a TTL or expire time is
	 * recommended (the API's default TTL is one hour)
	 * @return the created cached content, with its name and expire time
	 * @throws IllegalArgumentException if no model is set
	 */
	Mono<CachedContent> create(CachedContent cachedContent);

	/**
	 * Get cached content ({@code GET cachedContents/{id}}).
	 * @param name the name, such as {@code cachedContents/abc123} (or just {@code abc123})
	 * @return the cached content's metadata
	 * @throws IllegalArgumentException if the name is not a valid cached content name
	 */
	Mono<CachedContent> get(String name);

	/**
	 * List the cached content of the project ({@code GET cachedContents}), following every page.
	 * @return the cached contents' metadata
	 */
	Flux<CachedContent> list();

	/**
	 * Change how long cached content lives from now ({@code PATCH cachedContents/{id}?updateMask=ttl}).
	 * @param name the name, such as {@code cachedContents/abc123}
	 * @param ttl the new time to live
	 * @return the updated cached content
	 * @throws IllegalArgumentException if the name is not a valid cached content name
	 */
	Mono<CachedContent> updateTtl(String name, Duration ttl);

	/**
	 * Change when cached content expires ({@code PATCH cachedContents/{id}?updateMask=expireTime}).
	 * @param name the name, such as {@code cachedContents/abc123}
	 * @param expireTime the new expire time
	 * @return the updated cached content
	 * @throws IllegalArgumentException if the name is not a valid cached content name
	 */
	Mono<CachedContent> updateExpireTime(String name, Instant expireTime);

	/**
	 * Delete cached content ({@code DELETE cachedContents/{id}}).
	 * @param name the name, such as {@code cachedContents/abc123}
	 * @return completion once deleted
	 * @throws IllegalArgumentException if the name is not a valid cached content name
	 */
	Mono<Void> delete(String name);

}
