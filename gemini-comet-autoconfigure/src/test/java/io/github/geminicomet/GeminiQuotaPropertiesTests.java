package io.github.geminicomet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.github.geminicomet.ResilienceTestSupport.FakeServer;
import io.github.geminicomet.autoconfigure.GeminiAutoConfiguration;
import io.github.geminicomet.autoconfigure.observation.GeminiQuotaMetricsAutoConfiguration;
import io.github.geminicomet.health.GeminiHealthIndicator;
import io.github.geminicomet.quota.InMemoryQuotaStore;
import io.github.geminicomet.quota.QuotaLimit;
import io.github.geminicomet.quota.QuotaStore;
import io.github.geminicomet.quota.RedisQuotaStore;

import static io.github.geminicomet.ResilienceTestSupport.API_KEY;
import static io.github.geminicomet.ResilienceTestSupport.SERVER_TIMER;
import static io.github.geminicomet.ResilienceTestSupport.TIMEOUT;
import static io.github.geminicomet.ResilienceTestSupport.answer;
import static io.github.geminicomet.ResilienceTestSupport.await;
import static io.github.geminicomet.ResilienceTestSupport.drain;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the client-side quota of {@link GeminiTemplate} set through {@code cometapi.gemini.quota.*},
 * in memory and through a real {@code redis-server}.
 */
class GeminiQuotaPropertiesTests {

	private static FakeServer server;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class))
		.withPropertyValues("cometapi.gemini.api-key=" + API_KEY, "cometapi.gemini.base-url=" + server.baseUrl(),
				"cometapi.gemini.retry.enabled=false");

	@BeforeAll
	static void startServer() {
		server = FakeServer.start((request, response) -> (request.uri().contains("models/") && !request.uri().contains(":"))
				? response.header("Content-Type", "application/json")
					.sendString(drain(request).thenReturn("{\"name\":\"models/gemini-3.5-flash-lite\"}"))
				: response.header("Content-Type", "application/json")
					.sendString(drain(request).then(Mono.delay(Duration.ofMillis(100), SERVER_TIMER)).thenReturn(answer("Hi"))));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void quotaPropertiesLimitTheTemplateInMemoryByDefault() {
		this.runner.withPropertyValues("cometapi.gemini.quota.requests-per-minute=2",
				"cometapi.gemini.quota.tokens-per-minute=100000", "cometapi.gemini.quota.max-wait=50ms")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(QuotaStore.class);
				GeminiTemplate template = context.getBean(GeminiTemplate.class);
				assertThat(template.getQuotaStatistics().store()).isEqualTo("memory");
				assertThat(template.getQuotaStatistics().limits().tokensPerMinute()).isEqualTo(100_000);
				List<Object> outcomes = calls(template, 3);
				assertThat(outcomes).filteredOn("Hi"::equals).hasSize(2);
				assertThat(outcomes).filteredOn(GeminiRateLimitException.class::isInstance).singleElement()
					.satisfies((ex) -> assertThat(((GeminiRateLimitException) ex).isClientSide()).isTrue())
					.asString()
					.contains("cometapi.gemini.quota.requests-per-minute", "No request was sent");
			});
	}

	@Test
	void quotaMaxConcurrentRequestsWinsOverTheOldPropertyWhichStaysAnAlias() {
		this.runner.withPropertyValues("cometapi.gemini.max-concurrent-requests=5",
				"cometapi.gemini.quota.max-concurrent-requests=1", "cometapi.gemini.max-queued-requests=0")
			.run((context) -> {
				GeminiTemplate template = context.getBean(GeminiTemplate.class);
				List<Object> outcomes = Flux.range(0, 3)
					.flatMap((i) -> template.generateText("Hello").cast(Object.class).onErrorResume(Mono::just), 3)
					.collectList()
					.block(TIMEOUT);
				assertThat(outcomes).filteredOn(GeminiConcurrencyLimitException.class::isInstance).hasSize(2);
			});
	}

	@Test
	void maxWaitBoundsTheWaitForAPlaceUnderMaxConcurrentRequests() {
		try (FakeServer slow = FakeServer.start((request, response) -> response.header("Content-Type", "application/json")
			.sendString(drain(request).then(Mono.delay(Duration.ofSeconds(3), SERVER_TIMER)).thenReturn(answer("Hi"))))) {
			this.runner.withPropertyValues("cometapi.gemini.base-url=" + slow.baseUrl(),
					"cometapi.gemini.quota.max-concurrent-requests=1", "cometapi.gemini.quota.max-wait=200ms")
				.run((context) -> {
					GeminiTemplate template = context.getBean(GeminiTemplate.class);
					CompletableFuture<String> first = template.generateText("first").toFuture();
					assertThat(await(() -> slow.requests.get() == 1, TIMEOUT)).isTrue();
					assertThat(calls(template, 1)).singleElement()
						.isInstanceOfSatisfying(GeminiRateLimitException.class, (ex) -> assertThat(ex.getQuotaLimit())
							.isEqualTo(QuotaLimit.MAX_CONCURRENT_REQUESTS))
						.asString()
						.contains("cometapi.gemini.quota.max-concurrent-requests", "cometapi.gemini.quota.max-wait",
								"No request was sent");
					assertThat(first).isNotDone();
					assertThat(first.join()).isEqualTo("Hi");
					assertThat(slow.requests).hasValue(1);
				});
		}
	}

	@Test
	void withoutMaxWaitCallsWaitForAPlaceUnderMaxConcurrentRequestsAsBefore() {
		this.runner.withPropertyValues("cometapi.gemini.quota.max-concurrent-requests=1")
			.run((context) -> {
				GeminiTemplate template = context.getBean(GeminiTemplate.class);
				List<Object> outcomes = Flux.range(0, 3)
					.flatMap((i) -> template.generateText("Hello").cast(Object.class).onErrorResume(Mono::just), 3)
					.collectList()
					.block(TIMEOUT);
				assertThat(outcomes).containsExactly("Hi", "Hi", "Hi");
			});
	}

	@Test
	void countTokensEstimateReservesWhatCountTokensCounts() {
		try (FakeServer counting = FakeServer.start((request, response) -> response
			.header("Content-Type", "application/json")
			.sendString(drain(request).thenReturn(
					request.uri().contains(":countTokens") ? "{\"totalTokens\":500}" : answer("Hi"))))) {
			ApplicationContextRunner runner = this.runner.withPropertyValues(
					"cometapi.gemini.base-url=" + counting.baseUrl(), "cometapi.gemini.quota.tokens-per-minute=100");
			runner.withPropertyValues("cometapi.gemini.quota.token-estimate=count-tokens").run((context) -> {
				assertThat(calls(context.getBean(GeminiTemplate.class), 1)).singleElement()
					.isInstanceOfSatisfying(GeminiRateLimitException.class,
							(ex) -> assertThat(ex.getQuotaLimit()).isEqualTo(QuotaLimit.TOKENS_PER_MINUTE))
					.asString()
					.contains("countTokens counts 500 tokens", "No request was sent");
				assertThat(counting.requests).hasValue(1);
			});
			// the default: the size estimate, no countTokens
			runner.run((context) -> {
				assertThat(calls(context.getBean(GeminiTemplate.class), 1)).containsExactly("Hi");
				assertThat(counting.requests).hasValue(2);
			});
		}
	}

	@Test
	void negativeLimitFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("cometapi.gemini.quota.tokens-per-minute=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'cometapi.gemini.quota.tokens-per-minute' is -1"));
	}

	@Test
	void redisStoreWithoutSpringDataRedisFailsStartupSayingWhatToAdd() {
		this.runner.withClassLoader(new FilteredClassLoader(ReactiveRedisConnectionFactory.class))
			.withPropertyValues("cometapi.gemini.quota.store=redis", "cometapi.gemini.quota.requests-per-minute=10")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'cometapi.gemini.quota.store' is redis, but Spring Data Redis is not on the class path"));
	}

	@Test
	void redisStoreWithoutConnectionFailsStartupSayingWhatToAdd() {
		this.runner.withPropertyValues("cometapi.gemini.quota.store=redis", "cometapi.gemini.quota.requests-per-minute=10")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("there is no reactive Redis connection"));
	}

	@Test
	void redisStoreSharesTheQuotaThroughTheApplicationsConnectionUnderTheKeyPrefix() {
		try (LocalRedisServer redis = LocalRedisServer.start()) {
			RedisConnection.port = redis.port();
			this.runner.withUserConfiguration(RedisConnection.class)
				.withPropertyValues("cometapi.gemini.quota.store=redis", "cometapi.gemini.quota.requests-per-minute=2",
						"cometapi.gemini.quota.max-wait=0s", "cometapi.gemini.quota.on-store-failure=fail-closed",
						"cometapi.gemini.quota.key-prefix=app:quota")
				.run((context) -> {
					assertThat(context).getBean(QuotaStore.class).isInstanceOf(RedisQuotaStore.class);
					GeminiTemplate template = context.getBean(GeminiTemplate.class);
					assertThat(template.getQuotaStatistics().store()).isEqualTo("redis");
					// a second application instance: its own context and connection, the same Redis
					this.runner.withUserConfiguration(RedisConnection.class)
						.withPropertyValues("cometapi.gemini.quota.store=redis", "cometapi.gemini.quota.requests-per-minute=2",
								"cometapi.gemini.quota.max-wait=0s", "cometapi.gemini.quota.key-prefix=app:quota")
						.run((other) -> {
							GeminiTemplate second = other.getBean(GeminiTemplate.class);
							assertThat(calls(template, 1)).containsExactly("Hi");
							assertThat(calls(second, 1)).containsExactly("Hi");
							assertThat(calls(second, 1)).singleElement().isInstanceOf(GeminiRateLimitException.class);
						});
					ReactiveStringRedisTemplate redisTemplate = new ReactiveStringRedisTemplate(
							context.getBean(ReactiveRedisConnectionFactory.class));
					List<String> keys = redisTemplate.keys("*").collectList().block(TIMEOUT);
					assertThat(keys).isNotEmpty()
						.allSatisfy((key) -> assertThat(key).startsWith("app:quota:{").doesNotContain(API_KEY));
				});
		}
	}

	@Test
	void metersAndHealthShowTheQuota() {
		this.runner.withConfiguration(AutoConfigurations.of(GeminiQuotaMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("cometapi.gemini.quota.requests-per-minute=1", "cometapi.gemini.quota.max-wait=0s")
			.run((context) -> {
				GeminiTemplate template = context.getBean(GeminiTemplate.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean("geminiQuotaMeterBinder", MeterBinder.class).bindTo(registry);
				assertThat(calls(template, 2)).hasSize(2);
				assertThat(registry.get("gen_ai.client.quota.rejections")
					.tag("gemini.quota.limit", QuotaLimit.REQUESTS_PER_MINUTE.id())
					.tag("gemini.template", "geminiTemplate")
					.functionCounter()
					.count()).isEqualTo(1);
				assertThat(registry.get("gen_ai.client.quota.store.available").gauge().value()).isEqualTo(1);
				assertThat(registry.get("gen_ai.client.quota.limit").tag("gemini.quota.limit", "requests-per-minute")
					.gauge().value()).isEqualTo(1);
				Health health = new GeminiHealthIndicator(template).health(true).block(TIMEOUT);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsKey("quota");
				assertThat(health.getDetails().get("quota").toString()).contains("store=memory", "storeAvailable=true",
						"requestsPerMinute=1", "rejections=1");
			});
	}

	@Test
	void applicationQuotaStoreBeanIsUsed() {
		this.runner.withBean(QuotaStore.class, InMemoryQuotaStore::new)
			.withPropertyValues("cometapi.gemini.quota.requests-per-minute=10")
			.run((context) -> assertThat(context.getBean(GeminiTemplate.class).getQuotaStatistics().store())
				.isEqualTo("memory"));
	}

	private static List<Object> calls(GeminiTemplate template, int count) {
		return Flux.range(0, count)
			.concatMap((i) -> template.generateText("Hello").cast(Object.class).onErrorResume(Mono::just))
			.collectList()
			.block(TIMEOUT);
	}

	@Configuration(proxyBeanMethods = false)
	static class RedisConnection {

		static int port;

		@Bean(destroyMethod = "destroy")
		LettuceConnectionFactory redisConnectionFactory() {
			LettuceConnectionFactory factory = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", port));
			factory.afterPropertiesSet();
			factory.start();
			org.springframework.data.redis.connection.ReactiveRedisConnection connection = factory.getReactiveConnection();
			connection.ping().block(Duration.ofSeconds(5));
			return factory;
		}

	}

}
