package io.github.geminicomet;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.github.geminicomet.model.BatchEmbedContentsRequest;
import io.github.geminicomet.model.BatchEmbedContentsResponse;
import io.github.geminicomet.model.CachedContent;
import io.github.geminicomet.model.CountTokensRequest;
import io.github.geminicomet.model.CountTokensResponse;
import io.github.geminicomet.model.EmbedContentRequest;
import io.github.geminicomet.model.EmbedContentResponse;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.ListCachedContentsResponse;
import io.github.geminicomet.model.ListModelsResponse;
import io.github.geminicomet.model.Model;
import io.github.geminicomet.observation.GeminiObservationContext;

/**
 * The API's endpoints besides generateContent: paths, bodies and paging, on the template's one JSON
 * exchange (same errors, retries and call timeout as every call).
 */
final class GeminiEndpoints implements CachedContentOperations {

	private static final int PAGE_SIZE = 1000;

	private static final String CACHED_CONTENTS = "cachedContents/";

	private static final Pattern CACHED_CONTENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]*");

	private final GeminiTemplate template;

	GeminiEndpoints(GeminiTemplate template) {
		this.template = template;
	}

	Mono<CountTokensResponse> countTokens(String model, GenerateContentRequest request) {
		Assert.notNull(request, "'request' must not be null");
		return this.template.observedExchange(GeminiObservationContext.COUNT_TOKENS, model, request, HttpMethod.POST,
				"models/" + model + ":countTokens", CountTokensRequest.of(model, request), CountTokensResponse.class);
	}

	Flux<Model> listModels() {
		return paged("models", ListModelsResponse.class, ListModelsResponse::models,
				ListModelsResponse::nextPageToken);
	}

	Mono<EmbedContentResponse> embedContent(String model, EmbedContentRequest request) {
		Assert.notNull(request, "'request' must not be null");
		EmbedContentRequest body = (request.model() != null) ? request : request.withModel(model);
		return this.template.observedExchange(GeminiObservationContext.EMBEDDINGS, model, null, HttpMethod.POST,
				"models/" + model + ":embedContent", body, EmbedContentResponse.class);
	}

	Mono<BatchEmbedContentsResponse> batchEmbedContents(String model, BatchEmbedContentsRequest request) {
		Assert.notNull(request, "'request' must not be null");
		Assert.notEmpty(request.requests(), "'request' must hold at least one request");
		BatchEmbedContentsRequest body = BatchEmbedContentsRequest.of(model, request.requests());
		return this.template.observedExchange(GeminiObservationContext.EMBEDDINGS, model, null, HttpMethod.POST,
				"models/" + model + ":batchEmbedContents", body, BatchEmbedContentsResponse.class);
	}

	@Override
	public Mono<CachedContent> create(CachedContent cachedContent) {
		Assert.notNull(cachedContent, "'cachedContent' must not be null");
		if (!StringUtils.hasText(cachedContent.model())) {
			throw new IllegalArgumentException("Cached content needs a model: build it with "
					+ "CachedContent.builder().model(\"gemini-2.5-flash\")...");
		}
		return this.template.exchange(HttpMethod.POST, "cachedContents", cachedContent, CachedContent.class);
	}

	@Override
	public Mono<CachedContent> get(String name) {
		return this.template.exchange(HttpMethod.GET, cachedContentPath(name), null, CachedContent.class);
	}

	@Override
	public Flux<CachedContent> list() {
		return paged("cachedContents", ListCachedContentsResponse.class, ListCachedContentsResponse::cachedContents,
				ListCachedContentsResponse::nextPageToken);
	}

	@Override
	public Mono<CachedContent> updateTtl(String name, Duration ttl) {
		Assert.notNull(ttl, "'ttl' must not be null");
		return this.template.exchange(HttpMethod.PATCH, cachedContentPath(name) + "?updateMask=ttl",
				CachedContent.builder().ttl(ttl).build(), CachedContent.class);
	}

	@Override
	public Mono<CachedContent> updateExpireTime(String name, Instant expireTime) {
		Assert.notNull(expireTime, "'expireTime' must not be null");
		return this.template.exchange(HttpMethod.PATCH, cachedContentPath(name) + "?updateMask=expireTime",
				CachedContent.builder().expireTime(expireTime).build(), CachedContent.class);
	}

	@Override
	public Mono<Void> delete(String name) {
		return this.template.exchange(HttpMethod.DELETE, cachedContentPath(name), null, Void.class);
	}

	/**
	 * Every item of a paged list, fetching the next page only when the previous one has been consumed.
	 */
	private <P, E> Flux<E> paged(String path, Class<P> pageType, Function<P, @Nullable List<E>> items,
			Function<P, @Nullable String> nextPageToken) {
		return page(path, null, pageType).expand((page) -> {
			String token = nextPageToken.apply(page);
			return StringUtils.hasText(token) ? page(path, token, pageType) : Mono.empty();
		}).concatMapIterable((page) -> {
			List<E> list = items.apply(page);
			return (list != null) ? list : List.of();
		});
	}

	private <P> Mono<P> page(String path, @Nullable String pageToken, Class<P> pageType) {
		String query = "?pageSize=" + PAGE_SIZE
				+ ((pageToken != null) ? "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8) : "");
		return this.template.exchange(HttpMethod.GET, path + query, null, pageType);
	}

	private static String cachedContentPath(String name) {
		Assert.notNull(name, "'name' must not be null");
		String id = name.startsWith(CACHED_CONTENTS) ? name.substring(CACHED_CONTENTS.length()) : name;
		if (!CACHED_CONTENT_ID.matcher(id).matches()) {
			throw new IllegalArgumentException("Invalid cached content name '" + name
					+ "': use the name the API returned, such as 'cachedContents/abc123'");
		}
		return CACHED_CONTENTS + id;
	}

}
