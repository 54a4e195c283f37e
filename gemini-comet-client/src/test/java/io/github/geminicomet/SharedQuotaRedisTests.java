package io.github.geminicomet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.github.geminicomet.ResilienceTestSupport.FakeServer;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.quota.QuotaLimit;
import io.github.geminicomet.quota.QuotaSettings;
import io.github.geminicomet.quota.QuotaStatistics;
import io.github.geminicomet.quota.QuotaStoreFailurePolicy;
import io.github.geminicomet.quota.RedisQuotaStore;

import static io.github.geminicomet.ResilienceTestSupport.API_KEY;
import static io.github.geminicomet.ResilienceTestSupport.SERVER_TIMER;
import static io.github.geminicomet.ResilienceTestSupport.await;
import static io.github.geminicomet.ResilienceTestSupport.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for a quota shared through {@link RedisQuotaStore}: three templates with connections of their
 * own (as three instances would have) against one real {@code redis-server} and one fake Gemini that
 * records when each request arrives.
 */
class SharedQuotaRedisTests {

	private static LocalRedisServer redis;

	private final List<LettuceConnectionFactory> connections = new ArrayList<>();

	private final List<GeminiTemplate> templates = new ArrayList<>();

	private final Queue<Long> arrivals = new ConcurrentLinkedQueue<>();

	private String prefix;

	@BeforeAll
	static void startRedis() {
		redis = LocalRedisServer.start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@BeforeEach
	void uniquePrefix() {
		this.prefix = "test:" + UUID.randomUUID();
	}

	@AfterEach
	void close() {
		this.templates.forEach(GeminiTemplate::close);
		this.connections.forEach(LettuceConnectionFactory::destroy);
	}

	@Test
	void sixHundredCallsFromThreeInstancesAreAdmittedAtTheSharedLimit() {
		try (FakeServer server = FakeServer.start(this::answer)) {
			QuotaSettings quota = QuotaSettings.of(120, 0).withMaxWait(Duration.ofSeconds(2));
			List<GeminiTemplate> instances = List.of(instance(server, quota), instance(server, quota),
					instance(server, quota));
			AtomicInteger answered = new AtomicInteger();
			List<Throwable> rejected = new CopyOnWriteArrayList<>();
			long start = System.nanoTime();
			Flux.range(0, 600)
				.flatMap((i) -> instances.get(i % 3).generateText("Hello " + i)
					.doOnNext((text) -> answered.incrementAndGet())
					.onErrorResume((ex) -> {
						rejected.add(ex);
						return Mono.empty();
					}), 600)
				.then()
				.block(Duration.ofSeconds(20));
			double seconds = (System.nanoTime() - start) / 1e9;
			// a full minute's worth at once, then 2 a second (one refill step is 0.5 s), for at most 2 s
			assertThat(answered.get()).isBetween(120, 120 + (int) Math.ceil(seconds * 2) + 1);
			assertThat(answered.get() + rejected.size()).isEqualTo(600);
			assertThat(server.requests).hasValue(answered.get());
			assertThat(rejected).allSatisfy((ex) -> {
				assertThat(ex).isInstanceOf(GeminiRateLimitException.class)
					.hasMessageContaining("requests-per-minute")
					.hasMessageContaining("No request was sent");
				assertThat(((GeminiRateLimitException) ex).isClientSide()).isTrue();
				assertThat(((GeminiRateLimitException) ex).getQuotaLimit()).isEqualTo(QuotaLimit.REQUESTS_PER_MINUTE);
			});
			// after the first burst, requests arrive no faster than the refill, whichever instance sends them:
			// the k-th one after the burst no earlier than k refill steps (0.5 s each) after the start
			List<Long> sorted = this.arrivals.stream().sorted().toList();
			for (int k = 1; 120 + k - 1 < sorted.size(); k++) {
				assertThat(sorted.get(120 + k - 1) - start).isGreaterThan(k * 500_000_000L - 50_000_000L);
			}
			assertThat(instances.stream().mapToLong((t) -> t.getQuotaStatistics().waits()).sum()).isPositive();
		}
	}

	@Test
	void rateLimitAnswerWithRetryInfoSeenByOneInstancePausesTheOthers() {
		AtomicInteger calls = new AtomicInteger();
		Queue<Long> rateLimitedAt = new ConcurrentLinkedQueue<>();
		try (FakeServer server = FakeServer.start((request, response) -> {
			if (calls.getAndIncrement() != 3) {
				return answer(request, response);
			}
			rateLimitedAt.add(System.nanoTime());
			return response.status(429).header("Content-Type", "application/json")
				.sendString(drain(request).thenReturn(ResilienceTestSupport.errorBody(429, "RESOURCE_EXHAUSTED", "3s")));
		})) {
			QuotaSettings quota = QuotaSettings.of(10_000, 0).withMaxWait(Duration.ofSeconds(5));
			GeminiTemplate first = instance(server, quota, RetrySettings.NONE);
			GeminiTemplate second = instance(server, quota, RetrySettings.NONE);
			GeminiTemplate third = instance(server, quota, RetrySettings.NONE);
			// warm up: one call each goes through at once
			Flux.merge(first.generateText("Hi"), second.generateText("Hi"), third.generateText("Hi")).blockLast(Duration.ofSeconds(10));
			this.arrivals.clear();
			Throwable error = ResilienceTestSupport.errorOf(first.generateText("Hello"));
			assertThat(error).isInstanceOf(GeminiRateLimitException.class);
			assertThat(((GeminiRateLimitException) error).isClientSide()).isFalse();
			long pausedAt = rateLimitedAt.peek();
			ReactiveStringRedisTemplate redisTemplate = new ReactiveStringRedisTemplate(this.connections.get(0));
			String pauseKey = this.prefix + ":{" + QuotaGate.keyOf(API_KEY) + "}:pause";
			assertThat(await(() -> Boolean.TRUE.equals(redisTemplate.hasKey(pauseKey).block(Duration.ofSeconds(5))),
					Duration.ofMillis(2500))).isTrue();
			assertThat(first.getQuotaStatistics().pauses()).isOne();
			List<String> answers = Flux.merge(second.generateText("Hi"), third.generateText("Hi"), second.generateText("Hi"))
				.collectList()
				.block(Duration.ofSeconds(10));
			assertThat(answers).containsOnly("Hi");
			assertThat(this.arrivals).hasSize(3)
				.allSatisfy((at) -> assertThat(at - pausedAt).isGreaterThan(Duration.ofMillis(2950).toNanos()));
			assertThat(second.getQuotaStatistics().waits()).isEqualTo(2);
			assertThat(third.getQuotaStatistics().waits()).isEqualTo(1);
		}
	}

	@Test
	void streamedCallsSettleOnTheirFinalUsageAndCancelledStreamsReleaseWhatTheyDidNotUse() {
		try (FakeServer server = FakeServer.start(this::stream)) {
			QuotaSettings quota = QuotaSettings.of(0, 60_000).withMaxWait(Duration.ofSeconds(1));
			GeminiTemplate template = instance(server, quota);
			ReactiveStringRedisTemplate redisTemplate = new ReactiveStringRedisTemplate(this.connections.get(0));
			String tokensKey = this.prefix + ":{" + QuotaGate.keyOf(API_KEY) + "}:tokens";
			// a long prompt: about 2,000 tokens estimated and reserved before sending
			GenerateContentRequest request = GenerateContentRequest.of("x".repeat(8_000));
			long estimate = QuotaGate.estimate(template.getJsonMapper().writeValueAsBytes(request),
					java.net.URI.create("http://h/v1beta/models/m:streamGenerateContent"));
			assertThat(estimate).isGreaterThan(1_900);

			// the whole stream: 3 events, the last one reports 3,000 tokens
			assertThat(template.streamGenerateContent(request).collectList().block(Duration.ofSeconds(5))).hasSize(3);
			assertThat(await(() -> template.getQuotaStatistics().reservedTokens() == 0, Duration.ofSeconds(5))).isTrue();
			assertThat(await(() -> level(redisTemplate, tokensKey) < 60_000 - estimate - 100, Duration.ofSeconds(5))).isTrue();
			// what is left is what the final usage charged, plus at most a second of refill (1,000 a second)
			assertThat(level(redisTemplate, tokensKey)).isCloseTo(60_000 - 3_000, within(1_000.0));

			// a stream cancelled after its first event, which reported 400 tokens: the rest of the estimate returns
			redisTemplate.delete(tokensKey).block(Duration.ofSeconds(5));
			List<Double> during = new CopyOnWriteArrayList<>();
			template.streamGenerateContent(request)
				.publishOn(Schedulers.boundedElastic())
				.doOnNext((event) -> during.add(level(redisTemplate, tokensKey)))
				.take(1)
				.blockLast(Duration.ofSeconds(5));
			assertThat(during.get(0)).isCloseTo(60_000 - estimate, within(500.0));
			assertThat(await(() -> level(redisTemplate, tokensKey) > 60_000 - 1_000, Duration.ofSeconds(5))).isTrue();
			assertThat(level(redisTemplate, tokensKey)).isCloseTo(60_000 - 400, within(500.0));
		}
	}

	@Test
	void redisStoppedMidRunFailsOpenOnLocalLimitsAndSharesAgainWhenItReturns() {
		try (FakeServer server = FakeServer.start(this::answer)) {
			QuotaSettings quota = QuotaSettings.of(6_000, 0).withMaxWait(Duration.ofSeconds(1));
			GeminiTemplate template = instance(server, quota);
			assertThat(template.generateText("before").block(Duration.ofSeconds(5))).isEqualTo("Hi");
			assertThat(template.getQuotaStatistics().storeAvailable()).isTrue();
			redis.stop();
			try {
				// every call goes on, on limits kept by this instance, and says so in the statistics
				List<String> during = Flux.range(0, 5).concatMap((i) -> template.generateText("during")).collectList()
					.block(Duration.ofSeconds(20));
				assertThat(during).containsOnly("Hi").hasSize(5);
				QuotaStatistics down = template.getQuotaStatistics();
				assertThat(down.storeAvailable()).isFalse();
				assertThat(down.storeFailures()).isPositive();
			}
			finally {
				redis.restart();
			}
			assertThat(await(() -> {
				template.generateText("after").block(Duration.ofSeconds(5));
				return template.getQuotaStatistics().storeAvailable();
			}, Duration.ofSeconds(20))).isTrue();
			ReactiveStringRedisTemplate redisTemplate = new ReactiveStringRedisTemplate(this.connections.get(0));
			assertThat(redisTemplate.hasKey(this.prefix + ":{" + QuotaGate.keyOf(API_KEY) + "}:requests")
				.block(Duration.ofSeconds(5))).isTrue();
			assertThat(server.requests.get()).isEqualTo(this.arrivals.size());
		}
	}

	@Test
	void redisStoppedMidRunFailsClosedWithoutSendingAndRecoversWhenItReturns() {
		try (FakeServer server = FakeServer.start(this::answer)) {
			QuotaSettings quota = QuotaSettings.of(6_000, 0)
				.withMaxWait(Duration.ofSeconds(1))
				.withOnStoreFailure(QuotaStoreFailurePolicy.FAIL_CLOSED);
			GeminiTemplate template = instance(server, quota);
			assertThat(template.generateText("before").block(Duration.ofSeconds(5))).isEqualTo("Hi");
			redis.stop();
			try {
				Throwable error = ResilienceTestSupport.errorOf(template.generateText("during"));
				assertThat(error).isInstanceOf(GeminiRateLimitException.class)
					.hasMessageContaining("quota store 'redis' cannot be reached")
					.hasMessageContaining("fail-closed")
					.hasMessageContaining("No request was sent");
				assertThat(((GeminiRateLimitException) error).getQuotaLimit()).isEqualTo(QuotaLimit.STORE_UNAVAILABLE);
				assertThat(server.requests).hasValue(1);
			}
			finally {
				redis.restart();
			}
			assertThat(await(() -> template.generateText("after").onErrorResume((ex) -> Mono.empty())
				.block(Duration.ofSeconds(5)) != null, Duration.ofSeconds(20))).isTrue();
			assertThat(template.getQuotaStatistics().storeAvailable()).isTrue();
		}
	}

	private GeminiTemplate instance(FakeServer server, QuotaSettings quota) {
		return instance(server, quota, RetrySettings.NONE);
	}

	private GeminiTemplate instance(FakeServer server, QuotaSettings quota, RetrySettings retry) {
		LettuceConnectionFactory connection = connect(redis.port());
		this.connections.add(connection);
		GeminiTemplate template = ResilienceTestSupport.templateBuilder(server.baseUrl())
			.retry(retry)
			.quota(quota)
			.quotaStore(new RedisQuotaStore(connection, this.prefix))
			.build();
		this.templates.add(template);
		return template;
	}

	static LettuceConnectionFactory connect(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
		factory.afterPropertiesSet();
		factory.start();
		// connect now, as an application's first Redis use would: a cold first connection can take longer
		// than the quota's store timeout on a loaded machine, and the first calls would then fail open
		org.springframework.data.redis.connection.ReactiveRedisConnection connection = factory.getReactiveConnection();
		connection.ping().block(Duration.ofSeconds(10));
		return factory;
	}

	private static double level(ReactiveStringRedisTemplate redisTemplate, String key) {
		Object level = redisTemplate.opsForHash().get(key, "level").block(Duration.ofSeconds(5));
		return (level != null) ? Double.parseDouble(level.toString()) : 60_000;
	}

	private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
		return GeminiTemplateQuotaTests.answer(request, response, this.arrivals, 5);
	}

	private Mono<Void> stream(HttpServerRequest request, HttpServerResponse response) {
		Function<Integer, String> event = (total) -> "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"t\"}],"
				+ "\"role\":\"model\"}}],\"usageMetadata\":{\"promptTokenCount\":300,\"totalTokenCount\":" + total + "}}\r\n\r\n";
		String last = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"!\"}],\"role\":\"model\"},"
				+ "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":300,\"totalTokenCount\":3000}}\r\n\r\n";
		return response.header("Content-Type", "text/event-stream")
			.sendString(drain(request).thenMany(Flux.concat(Mono.just(event.apply(400)),
					Mono.delay(Duration.ofMillis(300), SERVER_TIMER).thenReturn(event.apply(1_000)),
					Mono.delay(Duration.ofMillis(100), SERVER_TIMER).thenReturn(last))))
			.then();
	}

}
