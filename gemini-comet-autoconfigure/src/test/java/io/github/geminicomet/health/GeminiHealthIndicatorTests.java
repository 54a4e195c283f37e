package io.github.geminicomet.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.RetrySettings;
import io.github.geminicomet.model.GenerateContentRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link GeminiHealthIndicator}.
 */
class GeminiHealthIndicatorTests {

	private static final String API_KEY = "AIzaHEALTH-k3y-that-must-never-leak-0077";

	private static final String MODEL_PATH = "/v1beta/models/gemini-3.5-flash-lite";

	private static final String MODEL = """
			{"name":"models/gemini-3.5-flash-lite","displayName":"Gemini 2.5 Flash","inputTokenLimit":1048576}""";

	private static final String ANSWER = """
			{"candidates":[{"content":{"role":"model","parts":[{"text":"Rex"}]},"finishReason":"STOP","index":0}]}""";

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	static final WireMockExtension wireMock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final MutableClock clock = new MutableClock();

	private GeminiTemplate template;

	@BeforeEach
	void createTemplate() {
		this.template = GeminiTemplate.builder()
			.apiKey(API_KEY)
			.baseUrl("http://127.0.0.1:" + wireMock.getPort())
			.retry(RetrySettings.NONE)
			.build();
	}

	@AfterEach
	void closeTemplate() {
		this.template.close();
	}

	@Test
	void healthWhenModelAnswersIsUpWithDetails() {
		wireMock.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(okJson(MODEL)));
		Health health = health(indicator(Duration.ofSeconds(30)));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("host", "127.0.0.1")
			.containsEntry("model", "gemini-3.5-flash-lite")
			.containsKeys("latencyMs", "checkedAt", "calls")
			.doesNotContainKeys("error", "hint", "degraded");
		assertThat(health.getDetails().get("latencyMs")).isInstanceOf(Long.class);
		assertThat(calls(health)).containsEntry("recent", 0).containsEntry("recentErrorRate", 0.0);
		wireMock.verify(getRequestedFor(urlEqualTo(MODEL_PATH)).withHeader("x-goog-api-key", equalTo(API_KEY)));
		assertThat(health.toString()).doesNotContain(API_KEY);
	}

	@Test
	void healthWhenKeyIsRejectedIsDownWithApiKeyHint() {
		wireMock.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"code\":401,\"message\":\"API key not valid\",\"status\":\"UNAUTHENTICATED\"}}")));
		Health health = health(indicator(Duration.ZERO));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("hint", "check cometapi.gemini.api-key")
			.containsEntry("httpStatus", 401)
			.containsEntry("error", "GeminiAuthenticationException");
		assertThat(health.toString()).doesNotContain(API_KEY);
	}

	@Test
	void healthWhenForbiddenIsDownWithApiKeyHint() {
		wireMock.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(aResponse().withStatus(403)));
		Health health = health(indicator(Duration.ZERO));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("hint", "check cometapi.gemini.api-key");
	}

	@Test
	void healthWhenRateLimitedIsUpAndDegraded() {
		wireMock.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(aResponse().withStatus(429)
			.withHeader("Retry-After", "30")
			.withBody("{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}")));
		Health health = health(indicator(Duration.ZERO));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("degraded", true)
			.containsEntry("httpStatus", 429)
			.containsEntry("error", "GeminiRateLimitException");
		// one attempt only, even though the template would retry a 429
		wireMock.verify(1, getRequestedFor(urlEqualTo(MODEL_PATH)));
	}

	@Test
	void healthWhenProbeIsNotRetriedEvenIfTemplateRetries() {
		this.template = this.template.mutate()
			.retry(new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(1), 0, Duration.ofMillis(1)))
			.build();
		wireMock.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(aResponse().withStatus(503)));
		Health health = health(indicator(Duration.ZERO));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("httpStatus", 503)
			.containsEntry("error", "GeminiUnavailableException");
		wireMock.verify(1, getRequestedFor(urlEqualTo(MODEL_PATH)));
	}

	@Test
	void healthWhenModelIsUnknownIsDownWithModelHint() {
		wireMock.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(aResponse().withStatus(404)));
		Health health = health(indicator(Duration.ZERO));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat((String) health.getDetails().get("hint")).contains("management.health.gemini.model");
	}

	@Test
	void healthWhenGatewayDoesNotServeModelsFallsBackToCountTokens() {
		wireMock.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(aResponse().withStatus(404)));
		wireMock.stubFor(post(urlEqualTo(MODEL_PATH + ":countTokens")).willReturn(okJson("{\"totalTokens\":3}")));
		GeminiHealthIndicator indicator = indicator(Duration.ZERO);
		Health first = health(indicator);
		Health second = health(indicator);
		assertThat(first.getStatus()).isEqualTo(Status.UP);
		assertThat(second.getStatus()).isEqualTo(Status.UP);
		assertThat(second.getDetails()).containsEntry("probe", "countTokens");
		wireMock.verify(1, getRequestedFor(urlEqualTo(MODEL_PATH)));
		wireMock.verify(2, postRequestedFor(urlEqualTo(MODEL_PATH + ":countTokens")));
	}

	@Test
	void healthProbesAreNotObservedAsTheApplicationsCalls() {
		wireMock.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(aResponse().withStatus(404)));
		wireMock.stubFor(post(urlEqualTo(MODEL_PATH + ":countTokens")).willReturn(okJson("{\"totalTokens\":3}")));
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (GeminiTemplate observed = this.template.mutate().observationRegistry(registry).build()) {
			Health health = health(new GeminiHealthIndicator(observed, null, TIMEOUT, Duration.ZERO, this.clock));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("probe", "countTokens");
			TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyObservation();
			observed.countTokens(GenerateContentRequest.of("Name a dog")).block(TIMEOUT);
			TestObservationRegistryAssert.assertThat(registry).hasNumberOfObservationsEqualTo(1);
		}
	}

	@Test
	void healthWhenGatewayIsSlowIsDownAfterOwnTimeout() {
		// a model of its own: WireMock may journal the abandoned request late, into the next test
		wireMock.stubFor(get(urlEqualTo("/v1beta/models/gemini-2.5-pro")).willReturn(okJson(MODEL).withFixedDelay(3000)));
		GeminiHealthIndicator indicator = new GeminiHealthIndicator(this.template, "gemini-2.5-pro",
				Duration.ofMillis(200), Duration.ZERO, this.clock);
		Instant start = Instant.now();
		Health health = health(indicator);
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "TimeoutException")
			.containsEntry("reason", "no answer within 200ms");
	}

	@Test
	void healthWhenGatewayIsUnreachableIsDown() {
		GeminiTemplate unreachable = GeminiTemplate.builder()
			.apiKey(API_KEY)
			.baseUrl("http://127.0.0.1:1")
			.retry(RetrySettings.NONE)
			.build();
		try {
			Health health = health(new GeminiHealthIndicator(unreachable, null, TIMEOUT, Duration.ZERO, this.clock));
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("error", "GeminiRequestException")
				.doesNotContainKey("httpStatus");
			assertThat(health.toString()).doesNotContain(API_KEY);
		}
		finally {
			unreachable.close();
		}
	}

	@Test
	void healthWithinTimeToLiveReusesTheLastCheck() {
		wireMock.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(okJson(MODEL)));
		GeminiHealthIndicator indicator = indicator(Duration.ofSeconds(30));
		Health first = health(indicator);
		this.clock.advance(Duration.ofSeconds(29));
		Health second = health(indicator);
		assertThat(second.getStatus()).isEqualTo(Status.UP);
		assertThat(second.getDetails().get("checkedAt")).isEqualTo(first.getDetails().get("checkedAt"));
		wireMock.verify(1, getRequestedFor(urlEqualTo(MODEL_PATH)));
		this.clock.advance(Duration.ofSeconds(2));
		health(indicator);
		wireMock.verify(2, getRequestedFor(urlEqualTo(MODEL_PATH)));
	}

	@Test
	void healthWhenChecksOverlapSendsOneRequest() {
		wireMock.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(okJson(MODEL).withFixedDelay(300)));
		GeminiHealthIndicator indicator = indicator(Duration.ofSeconds(30));
		List<Health> healths = Flux.range(0, 10)
			.flatMap((i) -> indicator.health())
			.collectList()
			.block(TIMEOUT);
		assertThat(healths).hasSize(10).allSatisfy((health) -> assertThat(health.getStatus()).isEqualTo(Status.UP));
		wireMock.verify(1, getRequestedFor(urlEqualTo(MODEL_PATH)));
	}

	@Test
	void healthWithZeroTimeToLiveChecksEveryTime() {
		wireMock.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(okJson(MODEL)));
		GeminiHealthIndicator indicator = indicator(Duration.ZERO);
		health(indicator);
		health(indicator);
		wireMock.verify(2, getRequestedFor(urlEqualTo(MODEL_PATH)));
	}

	@Test
	void healthReportsRecentRealCallsFreshEvenWhileTheCheckIsCached() {
		wireMock.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(okJson(MODEL)));
		wireMock.stubFor(post(urlPathMatching(".*/gemini-3.5-flash-lite:generateContent")).willReturn(okJson(ANSWER)));
		wireMock.stubFor(post(urlPathMatching(".*/gemini-2.5-pro:generateContent"))
			.willReturn(aResponse().withStatus(500)));
		GeminiHealthIndicator indicator = indicator(Duration.ofMinutes(5));
		assertThat(calls(health(indicator))).containsEntry("recent", 0);
		this.template.generateText("Name a dog").block(TIMEOUT);
		StepVerifier.create(this.template.generateContent("gemini-2.5-pro",
				io.github.geminicomet.model.GenerateContentRequest.of("Name a cat")))
			.expectError()
			.verify(TIMEOUT);
		// the template records a call's outcome when it ends, just after the subscriber got the signal
		await().atMost(TIMEOUT).until(() -> this.template.getCallStatistics().recentCalls() == 2);
		Map<String, Object> calls = calls(health(indicator));
		assertThat(calls).containsEntry("recent", 2)
			.containsEntry("recentErrors", 1)
			.containsEntry("recentErrorRate", 0.5)
			.containsEntry("lastError", "GeminiUnavailableException")
			.containsEntry("lastErrorStatus", 500)
			.containsKeys("lastSuccess", "lastFailure");
		wireMock.verify(1, getRequestedFor(urlEqualTo(MODEL_PATH)));
	}

	@Test
	void healthChecksConfiguredModel() {
		wireMock.stubFor(get(urlEqualTo("/v1beta/models/gemini-2.5-flash-lite")).willReturn(okJson(MODEL)));
		Health health = health(new GeminiHealthIndicator(this.template, "gemini-2.5-flash-lite", TIMEOUT,
				Duration.ZERO, this.clock));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("model", "gemini-2.5-flash-lite");
	}

	private GeminiHealthIndicator indicator(Duration timeToLive) {
		return new GeminiHealthIndicator(this.template, null, TIMEOUT, timeToLive, this.clock);
	}

	private static Health health(GeminiHealthIndicator indicator) {
		Health health = indicator.health().block(TIMEOUT);
		assertThat(health).isNotNull();
		return health;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> calls(Health health) {
		return (Map<String, Object>) health.getDetails().get("calls");
	}

	/** A clock the test moves by hand. */
	private static final class MutableClock extends Clock {

		private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

		void advance(Duration duration) {
			this.now.updateAndGet((instant) -> instant.plus(duration));
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}

	}

}
