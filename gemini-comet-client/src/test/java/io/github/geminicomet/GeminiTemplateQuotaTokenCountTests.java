package io.github.geminicomet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.quota.InMemoryQuotaStore;
import io.github.geminicomet.quota.QuotaDecision;
import io.github.geminicomet.quota.QuotaLimit;
import io.github.geminicomet.quota.QuotaLimits;
import io.github.geminicomet.quota.QuotaSettings;
import io.github.geminicomet.quota.QuotaStore;
import io.github.geminicomet.quota.TokenEstimate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.geminicomet.ResilienceTestSupport.await;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.assertKeyNotLeaked;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.errorOf;
import static io.github.geminicomet.TemplateFixtures.fixture;
import static io.github.geminicomet.TemplateFixtures.sse;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiTemplate}'s client-side quota with {@link TokenEstimate#COUNT_TOKENS}: the
 * reservation is what {@code countTokens} counts, asked on the wire before the call.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateQuotaTokenCountTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final String COUNT_URL = "/v1beta/models/gemini-3.5-flash-lite:countTokens";

	private static final String GENERATE_URL = "/v1beta/models/gemini-3.5-flash-lite:generateContent";

	private static final String STREAM_URL = "/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse";

	private static final GenerateContentRequest REQUEST = GenerateContentRequest.builder()
		.systemInstruction("Be brief.")
		.addContent(Content.user("Why do otters hold hands?"))
		.generationConfig(GenerationConfig.builder().maxOutputTokens(200).build())
		.build();

	@Test
	void countTokensIsSentBeforeTheGenerateRequestWithTheSameContents() throws Exception {
		// the generate stub answers only once countTokens was asked: sent the other way round, the call fails
		wireMock.stubFor(post(urlEqualTo(COUNT_URL)).inScenario("count first").whenScenarioStateIs(STARTED)
			.willSetStateTo("counted")
			.willReturn(okJson("{\"totalTokens\":1000}")));
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).inScenario("count first").whenScenarioStateIs("counted")
			.willReturn(okJson(fixture("unary/text.json"))));
		try (GeminiTemplate template = countingTemplate(100_000)) {
			GenerateContentResponse response = template.generateContent(REQUEST).block(TIMEOUT);
			assertThat(response.text()).isEqualTo("Otters hold hands while they sleep.");
			LoggedRequest count = single(COUNT_URL);
			JSONAssert.assertEquals("""
					{"generateContentRequest":{
					  "contents":[{"role":"user","parts":[{"text":"Why do otters hold hands?"}]}],
					  "systemInstruction":{"parts":[{"text":"Be brief."}]},
					  "generationConfig":{"maxOutputTokens":200},
					  "model":"models/gemini-3.5-flash-lite"}}""", count.getBodyAsString(), JSONCompareMode.STRICT);
			JsonNode counted = template.getJsonMapper().readTree(count.getBodyAsString()).get("generateContentRequest");
			JsonNode sent = template.getJsonMapper().readTree(single(GENERATE_URL).getBodyAsString());
			assertThat(counted.get("contents")).isEqualTo(sent.get("contents"));
			assertThat(counted.get("systemInstruction")).isEqualTo(sent.get("systemInstruction"));
			assertThat(count.getHeader("x-goog-api-key")).isEqualTo(TemplateFixtures.API_KEY);
		}
	}

	@Test
	void streamAsksCountTokensBeforeItIsSentToo() {
		wireMock.stubFor(post(urlEqualTo(COUNT_URL)).inScenario("count first").whenScenarioStateIs(STARTED)
			.willSetStateTo("counted")
			.willReturn(okJson("{\"totalTokens\":1000}")));
		wireMock.stubFor(post(urlEqualTo(STREAM_URL)).inScenario("count first").whenScenarioStateIs("counted")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse("text.sse"))));
		try (GeminiTemplate template = countingTemplate(100_000)) {
			StepVerifier.create(template.streamGenerateContent(REQUEST)).expectNextCount(3).expectComplete()
				.verify(TIMEOUT);
			assertThat(single(COUNT_URL)).isNotNull();
			assertThat(single(STREAM_URL)).isNotNull();
		}
	}

	@Test
	void unaryCallReservesTheCountedTokensPlusItsMaxOutputTokens() {
		wireMock.stubFor(post(urlEqualTo(COUNT_URL)).willReturn(okJson("{\"totalTokens\":1000}")));
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL))
			.willReturn(okJson(fixture("unary/text.json")).withFixedDelay(1_000)));
		try (GeminiTemplate template = countingTemplate(100_000)) {
			Disposable call = template.generateContent(REQUEST).subscribe();
			try {
				assertThat(ResilienceTestSupport.await(() -> template.getQuotaStatistics().reservedTokens() > 0, TIMEOUT))
					.isTrue();
				// 1,000 counted + 200 maxOutputTokens, where the size estimate is a quarter of ~200 bytes
				assertThat(template.getQuotaStatistics().reservedTokens()).isEqualTo(1_200);
			}
			finally {
				call.dispose();
			}
		}
	}

	@Test
	void streamReservesTheCountedTokensPlusItsMaxOutputTokens() {
		wireMock.stubFor(post(urlEqualTo(COUNT_URL)).willReturn(okJson("{\"totalTokens\":700}")));
		wireMock.stubFor(post(urlEqualTo(STREAM_URL)).willReturn(aResponse()
			.withHeader("Content-Type", "text/event-stream").withBody(sse("text.sse")).withFixedDelay(1_000)));
		try (GeminiTemplate template = countingTemplate(100_000)) {
			Disposable stream = template.streamGenerateContent(REQUEST).subscribe();
			try {
				assertThat(ResilienceTestSupport.await(() -> template.getQuotaStatistics().reservedTokens() > 0, TIMEOUT))
					.isTrue();
				assertThat(template.getQuotaStatistics().reservedTokens()).isEqualTo(900);
			}
			finally {
				stream.dispose();
			}
			assertThat(ResilienceTestSupport.await(() -> template.getQuotaStatistics().reservedTokens() == 0, TIMEOUT))
				.isTrue();
		}
	}

	@Test
	void promptLargerThanTheTokensPerMinuteIsRejectedWithoutSendingIt() {
		wireMock.stubFor(post(urlEqualTo(COUNT_URL)).willReturn(okJson("{\"totalTokens\":500}")));
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(fixture("unary/text.json"))));
		try (GeminiTemplate template = countingTemplate(100)) {
			Throwable error = errorOf(template.generateContent(REQUEST));
			assertThat(error).isInstanceOfSatisfying(GeminiRateLimitException.class, (rejection) -> {
				assertThat(rejection.isClientSide()).isTrue();
				assertThat(rejection.getQuotaLimit()).isEqualTo(QuotaLimit.TOKENS_PER_MINUTE);
			});
			assertThat(error).hasMessageContaining("countTokens counts 500 tokens")
				.hasMessageContaining("'tokens-per-minute' (100, cometapi.gemini.quota.tokens-per-minute)")
				.hasMessageContaining("No request was sent to Gemini");
			assertKeyNotLeaked(error);
			wireMock.verify(1, postRequestedFor(urlEqualTo(COUNT_URL)));
			wireMock.verify(0, postRequestedFor(urlEqualTo(GENERATE_URL)));
			assertThat(template.getQuotaStatistics().rejections(QuotaLimit.TOKENS_PER_MINUTE)).isOne();
			assertThat(template.getQuotaStatistics().reservedTokens()).isZero();
		}
	}

	@Test
	void failedCountTokensFallsBackToTheSizeEstimateWithoutRetryingOrFailingTheCall() {
		wireMock.stubFor(post(urlEqualTo(COUNT_URL)).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json").withBody(ResilienceTestSupport.errorBody(500, "INTERNAL"))));
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL))
			.willReturn(okJson(fixture("unary/text.json")).withFixedDelay(1_000)));
		// retries on: a 500 would be retried by the pipeline, but the count is never retried
		try (GeminiTemplate template = countingTemplate(100_000, ResilienceTestSupport.fastRetry(3))) {
			long estimate = QuotaGate.estimate(template.getJsonMapper().writeValueAsBytes(REQUEST),
					TemplateFixtures.uri(baseUrl(wireMock), "gemini-3.5-flash-lite", "generateContent"));
			StepVerifier.create(template.generateContent(REQUEST))
				.then(() -> assertThat(ResilienceTestSupport
					.await(() -> template.getQuotaStatistics().reservedTokens() > 0, TIMEOUT)).isTrue())
				.then(() -> assertThat(template.getQuotaStatistics().reservedTokens()).isEqualTo(estimate))
				.assertNext((response) -> assertThat(response.text()).isEqualTo("Otters hold hands while they sleep."))
				.expectComplete()
				.verify(TIMEOUT);
			wireMock.verify(1, postRequestedFor(urlEqualTo(COUNT_URL)));
			wireMock.verify(1, postRequestedFor(urlEqualTo(GENERATE_URL)));
		}
	}

	@Test
	void aFailedCountIsNotAskedAgainByTheRetriesOfTheCall() {
		wireMock.stubFor(post(urlEqualTo(COUNT_URL)).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json").withBody(ResilienceTestSupport.errorBody(500, "INTERNAL"))));
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).inScenario("retried").whenScenarioStateIs(STARTED)
			.willSetStateTo("failed once")
			.willReturn(aResponse().withStatus(503)
				.withHeader("Content-Type", "application/json")
				.withBody(ResilienceTestSupport.errorBody(503, "UNAVAILABLE"))));
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).inScenario("retried").whenScenarioStateIs("failed once")
			.willReturn(okJson(fixture("unary/text.json"))));
		try (GeminiTemplate template = countingTemplate(100_000, ResilienceTestSupport.fastRetry(3))) {
			assertThat(template.generateText("Hello").block(TIMEOUT)).isEqualTo("Otters hold hands while they sleep.");
			wireMock.verify(2, postRequestedFor(urlEqualTo(GENERATE_URL)));
			wireMock.verify(1, postRequestedFor(urlEqualTo(COUNT_URL)));
		}
	}

	@Test
	void aReservationAboveAMinutesTokensIsSettledAgainstWhatWasCharged() {
		// 900 counted + 200 maxOutputTokens = 1,100, but a bucket holds 1,000: the stores charge 1,000
		wireMock.stubFor(post(urlEqualTo(COUNT_URL)).willReturn(okJson("{\"totalTokens\":900}")));
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(fixture("unary/text.json"))));
		List<Long> reserved = new CopyOnWriteArrayList<>();
		List<Long> adjusted = new CopyOnWriteArrayList<>();
		InMemoryQuotaStore memory = new InMemoryQuotaStore();
		QuotaStore store = new QuotaStore() {

			@Override
			public Mono<QuotaDecision> reserve(String key, QuotaLimits limits, long tokens, Duration maxWait) {
				reserved.add(tokens);
				return memory.reserve(key, limits, tokens, maxWait);
			}

			@Override
			public Mono<Void> adjust(String key, QuotaLimits limits, long requests, long tokens) {
				adjusted.add(tokens);
				return memory.adjust(key, limits, requests, tokens);
			}

			@Override
			public Mono<Void> pause(String key, Duration duration) {
				return memory.pause(key, duration);
			}

			@Override
			public String name() {
				return "recording";
			}

		};
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock))
			.quota(QuotaSettings.of(0, 1_000).withTokenEstimate(TokenEstimate.COUNT_TOKENS))
			.quotaStore(store)
			.build()) {
			GenerateContentResponse response = template.generateContent(REQUEST).block(TIMEOUT);
			int used = response.usageMetadata().totalTokenCount();
			assertThat(ResilienceTestSupport.await(() -> !adjusted.isEmpty(), TIMEOUT)).isTrue();
			// what was charged is given back but what the answer used
			assertThat(reserved).containsExactly(1_000L);
			assertThat(adjusted).containsExactly(used - 1_000L);
		}
	}

	@Test
	void countTakesNeitherASecondPlaceUnderTheConcurrencyLimitNorASecondRequestOfTheQuota() {
		wireMock.stubFor(post(urlEqualTo(COUNT_URL)).willReturn(okJson("{\"totalTokens\":10}")));
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(fixture("unary/text.json"))));
		// one place and one request a minute: a count that needed either would hang or be rejected
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).maxConcurrentRequests(1)
			.maxQueueWait(Duration.ofMillis(500))
			.quota(QuotaSettings.of(1, 100_000).withMaxWait(Duration.ofMillis(100))
				.withTokenEstimate(TokenEstimate.COUNT_TOKENS))
			.build()) {
			StepVerifier.create(template.generateText("Hello")).expectNext("Otters hold hands while they sleep.")
				.expectComplete()
				.verify(TIMEOUT);
			wireMock.verify(1, postRequestedFor(urlEqualTo(COUNT_URL)));
			wireMock.verify(1, postRequestedFor(urlEqualTo(GENERATE_URL)));
		}
	}

	@Test
	void theCountIsObservedAsACountTokensCallInsideTheCallItCountsFor() {
		wireMock.stubFor(post(urlEqualTo(COUNT_URL)).willReturn(okJson("{\"totalTokens\":1000}")));
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(fixture("unary/text.json"))));
		List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).observationRegistry(registry)
			.quota(QuotaSettings.of(0, 100_000).withTokenEstimate(TokenEstimate.COUNT_TOKENS))
			.build()) {
			assertThat(template.generateContent(REQUEST).block(TIMEOUT)).isNotNull();
			assertThat(await(() -> stopped.size() == 2, TIMEOUT)).isTrue();
			assertThat(stopped).extracting(Observation.Context::getContextualName)
				.containsExactly("count_tokens gemini-3.5-flash-lite", "generate_content gemini-3.5-flash-lite");
			Observation.Context count = stopped.get(0);
			Observation.Context generate = stopped.get(1);
			assertThat(count.getParentObservation()).isNotNull();
			assertThat(count.getParentObservation().getContextView()).isSameAs(generate);
			assertThat(count.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("SUCCESS");
		}
	}

	@Test
	void sizeEstimateByDefaultAsksNoCount() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(fixture("unary/text.json"))));
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).quota(QuotaSettings.of(0, 100_000))
			.build()) {
			assertThat(template.generateContent(REQUEST).block(TIMEOUT)).isNotNull();
			wireMock.verify(0, postRequestedFor(urlEqualTo(COUNT_URL)));
		}
	}

	private static GeminiTemplate countingTemplate(long tokensPerMinute) {
		return countingTemplate(tokensPerMinute, RetrySettings.NONE);
	}

	private static GeminiTemplate countingTemplate(long tokensPerMinute, RetrySettings retry) {
		return templateBuilder(baseUrl(wireMock)).retry(retry)
			.quota(QuotaSettings.of(0, tokensPerMinute).withTokenEstimate(TokenEstimate.COUNT_TOKENS))
			.build();
	}

	private static LoggedRequest single(String url) {
		List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlEqualTo(url)));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
