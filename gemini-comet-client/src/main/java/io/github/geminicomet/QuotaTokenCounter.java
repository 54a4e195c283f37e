package io.github.geminicomet;

import java.net.URI;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;

import io.github.geminicomet.model.CountTokensRequest;
import io.github.geminicomet.model.CountTokensResponse;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.observation.GeminiObservationContext;

/**
 * Counts a generate call's tokens with the model's {@code countTokens} for its quota reservation
 * ({@code TokenEstimate.COUNT_TOKENS}): the body {@code countTokens(model, request)} sends, as one attempt
 * on the template's exchange but outside its pipeline. The call sends it while holding its place under
 * the concurrency limit, so the count takes no second place and no request of the quota. A count that
 * fails, takes longer than {@link #TIMEOUT} or reports no {@code totalTokens} is logged at debug level
 * and leaves the call to the size estimate: it never fails the call.
 */
final class QuotaTokenCounter {

	private static final Log logger = LogFactory.getLog(QuotaTokenCounter.class);

	/** The longest a count may take before its call goes on with the size estimate. */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final GeminiExchange exchange;

	private final CallObserver observer;

	private final String modelsUrl;

	private final ObjectWriter requestWriter;

	private final ObjectReader responseReader;

	private final @Nullable GenerationConfig defaultGenerationConfig;

	QuotaTokenCounter(GeminiExchange exchange, CallObserver observer, String modelsUrl, JsonMapper jsonMapper,
			@Nullable GenerationConfig defaultGenerationConfig) {
		this.exchange = exchange;
		this.observer = observer;
		this.modelsUrl = modelsUrl;
		this.requestWriter = jsonMapper.writerFor(CountTokensRequest.class);
		this.responseReader = jsonMapper.readerFor(CountTokensResponse.class);
		this.defaultGenerationConfig = defaultGenerationConfig;
	}

	/**
	 * The tokens of {@code request} for the model named {@code model} (checked, without {@code models/}),
	 * and the allowance for its answer: its {@code maxOutputTokens} (the request's, else the template's
	 * default), or none. Empty when the count cannot be had.
	 */
	Mono<QuotaGate.TokenCount> count(String model, GenerateContentRequest request) {
		URI uri = URI.create(this.modelsUrl + model + ":countTokens");
		long allowance = answerAllowance(request);
		// observed as a count_tokens call of its own, a child of the call it counts for
		Mono<CountTokensResponse> count = Mono.defer(() -> this.exchange.<CountTokensResponse>unlimited(HttpMethod.POST,
				uri, this.requestWriter.writeValueAsBytes(CountTokensRequest.of(model, request)), this.responseReader))
			.timeout(TIMEOUT);
		return this.observer.call(count, GeminiObservationContext.COUNT_TOKENS, model, uri, request)
			.flatMap((response) -> {
				Integer total = response.totalTokens();
				return (total != null && total >= 0) ? Mono.just(new QuotaGate.TokenCount(total, allowance))
						: Mono.error(new IllegalStateException("the answer holds no totalTokens"));
			})
			.onErrorResume((ex) -> {
				if (logger.isDebugEnabled()) {
					logger.debug("countTokens for the client-side quota failed (" + ex
							+ "); the call reserves the estimate from its size instead [POST " + uri + "]");
				}
				return Mono.empty();
			});
	}

	private long answerAllowance(GenerateContentRequest request) {
		GenerationConfig config = request.generationConfig();
		Integer maxOutputTokens = (config != null) ? config.maxOutputTokens() : null;
		if (maxOutputTokens == null && this.defaultGenerationConfig != null) {
			maxOutputTokens = this.defaultGenerationConfig.maxOutputTokens();
		}
		return (maxOutputTokens != null && maxOutputTokens > 0) ? maxOutputTokens : 0;
	}

}
