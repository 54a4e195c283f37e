package io.github.geminicomet;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.github.geminicomet.model.CachedContent;
import io.github.geminicomet.model.ListCachedContentsResponse;

/**
 * Default {@link CachedContentOperations}: the {@code cachedContents} paths and bodies on the template's
 * {@link GeminiApi}.
 */
final class DefaultCachedContentOperations implements CachedContentOperations {

	private static final String CACHED_CONTENTS = "cachedContents/";

	private final GeminiApi api;

	DefaultCachedContentOperations(GeminiApi api) {
		this.api = api;
	}

	@Override
	public Mono<CachedContent> create(CachedContent cachedContent) {
		Assert.notNull(cachedContent, "'cachedContent' must not be null");
		if (!StringUtils.hasText(cachedContent.model())) {
			throw new IllegalArgumentException("Cached content needs a model: build it with "
					+ "CachedContent.builder().model(\"gemini-3.5-flash-lite\")...");
		}
		return this.api.call(HttpMethod.POST, "cachedContents", cachedContent, CachedContent.class);
	}

	@Override
	public Mono<CachedContent> get(String name) {
		return this.api.call(HttpMethod.GET, cachedContentPath(name), null, CachedContent.class);
	}

	@Override
	public Flux<CachedContent> list() {
		return this.api.paged("cachedContents", ListCachedContentsResponse.class, ListCachedContentsResponse::cachedContents,
				ListCachedContentsResponse::nextPageToken);
	}

	@Override
	public Mono<CachedContent> updateTtl(String name, Duration ttl) {
		Assert.notNull(ttl, "'ttl' must not be null");
		return this.api.call(HttpMethod.PATCH, cachedContentPath(name) + "?updateMask=ttl",
				CachedContent.builder().ttl(ttl).build(), CachedContent.class);
	}

	@Override
	public Mono<CachedContent> updateExpireTime(String name, Instant expireTime) {
		Assert.notNull(expireTime, "'expireTime' must not be null");
		return this.api.call(HttpMethod.PATCH, cachedContentPath(name) + "?updateMask=expireTime",
				CachedContent.builder().expireTime(expireTime).build(), CachedContent.class);
	}

	@Override
	public Mono<Void> delete(String name) {
		return this.api.call(HttpMethod.DELETE, cachedContentPath(name), null, Void.class);
	}

	private static String cachedContentPath(String name) {
		return ResourceNames.path(CACHED_CONTENTS, name, "cached content", "cachedContents/abc123");
	}

}
