package io.github.geminicomet;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.util.StringUtils;

import io.github.geminicomet.model.GenerateContentRequest;

/**
 * The JSON calls of the endpoint families (models, tokens, embeddings, cached contents): paths under the
 * API version, bodies written with the template's mapper, answers read as a type, paged lists, on the
 * template's one {@link GeminiExchange} (same errors, retries and call timeout as every call).
 */
final class GeminiApi {

	private static final int PAGE_SIZE = 1000;

	private final String apiUrl;

	private final JsonMapper jsonMapper;

	private final GeminiExchange exchange;

	private final CallObserver observer;

	/**
	 * @param apiUrl the base URL with the API version, ending in {@code /}
	 */
	GeminiApi(String apiUrl, JsonMapper jsonMapper, GeminiExchange exchange, CallObserver observer) {
		this.apiUrl = apiUrl;
		this.jsonMapper = jsonMapper;
		this.exchange = exchange;
		this.observer = observer;
	}

	/**
	 * Send {@code body} (as JSON, when not {@code null}) to {@code path} under the API version, and read
	 * the answer as JSON of the given type ({@code Void} for an answer whose body is ignored).
	 */
	<T> Mono<T> call(HttpMethod method, String path, @Nullable Object body, Class<T> responseType) {
		URI uri = uri(path);
		ObjectReader reader = (responseType != Void.class) ? this.jsonMapper.readerFor(responseType) : null;
		return this.exchange.unary(method, uri,
				() -> (body != null) ? this.jsonMapper.writeValueAsBytes(body) : null, reader);
	}

	/**
	 * {@link #call} never retried, for a create that is not idempotent (a batch).
	 */
	<T> Mono<T> callOnce(HttpMethod method, String path, byte[] body, Class<T> responseType) {
		return this.exchange.unaryOnce(method, uri(path), () -> body, this.jsonMapper.readerFor(responseType));
	}

	/**
	 * {@link #call} observed as {@code operation} on {@code model}, like generate calls: the observation
	 * (with its meters) and the call statistics.
	 */
	<T> Mono<T> observedCall(String operation, String model, @Nullable GenerateContentRequest request,
			HttpMethod method, String path, Object body, Class<T> responseType) {
		return this.observer.call(call(method, path, body, responseType), operation, model, uri(path), request);
	}

	/**
	 * Every item of a paged list, fetching the next page only when the previous one has been consumed.
	 */
	<P, E> Flux<E> paged(String path, Class<P> pageType, Function<P, @Nullable List<E>> items,
			Function<P, @Nullable String> nextPageToken) {
		return paged(path, PAGE_SIZE, pageType, items, nextPageToken);
	}

	/**
	 * {@link #paged(String, Class, Function, Function)} with a page size of its own, for lists whose
	 * maximum page size is smaller (files, batches).
	 */
	<P, E> Flux<E> paged(String path, int pageSize, Class<P> pageType, Function<P, @Nullable List<E>> items,
			Function<P, @Nullable String> nextPageToken) {
		return page(path, pageSize, null, pageType).expand((page) -> {
			String token = nextPageToken.apply(page);
			return StringUtils.hasText(token) ? page(path, pageSize, token, pageType) : Mono.empty();
		}).concatMapIterable((page) -> {
			List<E> list = items.apply(page);
			return (list != null) ? list : List.of();
		});
	}

	private <P> Mono<P> page(String path, int pageSize, @Nullable String pageToken, Class<P> pageType) {
		String query = "?pageSize=" + pageSize
				+ ((pageToken != null) ? "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8) : "");
		return call(HttpMethod.GET, path + query, null, pageType);
	}

	JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	GeminiExchange exchange() {
		return this.exchange;
	}

	CallObserver observer() {
		return this.observer;
	}

	URI uri(String path) {
		return URI.create(this.apiUrl + path);
	}

}
