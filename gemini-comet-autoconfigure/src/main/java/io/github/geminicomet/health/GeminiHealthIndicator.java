package io.github.geminicomet.health;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.util.Assert;

import io.github.geminicomet.CallStatistics;
import io.github.geminicomet.GeminiException;
import io.github.geminicomet.GeminiOperations;
import io.github.geminicomet.GeminiResponseException;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.RetrySettings;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.quota.QuotaSettings;
import io.github.geminicomet.quota.QuotaStatistics;

/**
 * {@link ReactiveHealthIndicator} for the Gemini gateway a {@link GeminiTemplate} calls.
 *
 * <p>The check is cheap: one {@link GeminiOperations#getModel(String) models.get} call, which spends no
 * tokens, made without retries and with its own short timeout. Its outcome is cached for a time to
 * live so that a busy health endpoint does not hammer the gateway; concurrent checks share one call.
 * The details add how the template's recent real calls went ({@link GeminiTemplate#getCallStatistics()}).
 * They never hold the API key, nor an error message that could echo it.
 *
 * <ul>
 * <li>the model answers: {@code UP};</li>
 * <li>401 or 403: {@code DOWN}, with a hint to check {@code cometapi.gemini.api-key};</li>
 * <li>429: {@code UP} with {@code degraded: true}, since the gateway is there and only throttles;</li>
 * <li>any other error, or no answer within the timeout: {@code DOWN}.</li>
 * </ul>
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiHealthIndicator extends AbstractReactiveHealthIndicator {

	/**
	 * Default timeout of the check.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * Default time for which the outcome of a check is reused.
	 */
	public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofSeconds(30);

	static final String API_KEY_HINT = "check cometapi.gemini.api-key";

	private final GeminiTemplate template;

	private final GeminiOperations probe;

	private final String model;

	private final String host;

	private final Duration timeout;

	private final Duration timeToLive;

	private final Clock clock;

	private final AtomicReference<@Nullable CachedCheck> lastCheck = new AtomicReference<>();

	private volatile boolean modelsEndpointMissing;

	/**
	 * Create an indicator that checks the template's default model, with the default timeout and time
	 * to live.
	 * @param template the template to check
	 */
	public GeminiHealthIndicator(GeminiTemplate template) {
		this(template, null, DEFAULT_TIMEOUT, DEFAULT_TIME_TO_LIVE);
	}

	/**
	 * Create an indicator.
	 * @param template the template to check
	 * @param model the model to look up, or {@code null} for the template's default model
	 * @param timeout the longest the check may take
	 * @param timeToLive how long the outcome of a check is reused; zero checks on every call
	 */
	public GeminiHealthIndicator(GeminiTemplate template, @Nullable String model, Duration timeout,
			Duration timeToLive) {
		this(template, model, timeout, timeToLive, Clock.systemUTC());
	}

	GeminiHealthIndicator(GeminiTemplate template, @Nullable String model, Duration timeout, Duration timeToLive,
			Clock clock) {
		super("Gemini health check failed");
		Assert.notNull(template, "'template' must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		Assert.isTrue(timeToLive != null && !timeToLive.isNegative(), "'timeToLive' must not be negative");
		Assert.notNull(clock, "'clock' must not be null");
		this.template = template;
		// one attempt only: retries would turn a 429 into a timeout and make the check slow
		// probes are not the application's calls: no observations, no meters
		this.probe = template.mutate()
			.retry(RetrySettings.NONE)
			.callTimeout(null)
			.observationRegistry(ObservationRegistry.NOOP)
			// nor part of the client-side quota: a probe rejected by it would say nothing of the gateway
			.quota(QuotaSettings.NONE)
			// it queues with the real calls for a place, within the check's timeout rather than max-wait
			.maxQueueWait(null)
			.build();
		this.model = (model != null) ? model : template.getDefaultModel();
		this.host = hostOf(template.getBaseUrl());
		this.timeout = timeout;
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return check().map((outcome) -> health(builder, outcome, this.template.getCallStatistics()));
	}

	/**
	 * Return the outcome of the last check while it is fresh (or still running), else start a new one.
	 */
	private Mono<Outcome> check() {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			CachedCheck cached = this.lastCheck.get();
			if (cached != null && cached.isFresh(now)) {
				return cached.outcome;
			}
			CachedCheck next = new CachedCheck(now);
			if (this.lastCheck.compareAndSet(cached, next)) {
				return next.outcome;
			}
			CachedCheck winner = this.lastCheck.get();
			return (winner != null) ? winner.outcome : next.outcome;
		});
	}

	private Mono<Outcome> probe() {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return ping()
				.timeout(this.timeout)
				.map((found) -> new Outcome(this.clock.instant(), elapsedSince(start), null))
				.onErrorResume((ex) -> Mono.just(new Outcome(this.clock.instant(), elapsedSince(start), ex)))
				.switchIfEmpty(Mono.fromSupplier(() -> new Outcome(this.clock.instant(), elapsedSince(start), null)));
		});
	}

	/**
	 * Get the model; a gateway that does not serve {@code models/{model}} (404, 405 or 501 there) is
	 * asked to count the tokens of a tiny request instead, which is not billed either, from then on.
	 */
	private Mono<?> ping() {
		if (this.modelsEndpointMissing) {
			return countTokens();
		}
		return this.probe.getModel(this.model)
			.cast(Object.class)
			.onErrorResume(GeminiHealthIndicator::isMissingEndpoint,
					(ex) -> countTokens().doOnNext((counted) -> this.modelsEndpointMissing = true));
	}

	private Mono<?> countTokens() {
		return this.probe.countTokens(this.model, GenerateContentRequest.of("health check"));
	}

	private static boolean isMissingEndpoint(Throwable ex) {
		if (ex instanceof GeminiResponseException response) {
			int status = response.getStatusCode().value();
			return status == 404 || status == 405 || status == 501;
		}
		return false;
	}

	private Health health(Health.Builder builder, Outcome outcome, CallStatistics statistics) {
		builder.withDetail("host", this.host)
			.withDetail("model", this.model)
			.withDetail("probe", this.modelsEndpointMissing ? "countTokens" : "models.get")
			.withDetail("latencyMs", outcome.latency().toMillis())
			.withDetail("checkedAt", outcome.checkedAt().toString());
		Throwable error = outcome.error();
		if (error == null) {
			builder.up();
		}
		else {
			builder.withDetail("error", error.getClass().getSimpleName());
			Integer status = (error instanceof GeminiResponseException response) ? response.getStatusCode().value()
					: null;
			if (status != null) {
				builder.withDetail("httpStatus", status);
			}
			if (status != null && status == 429) {
				builder.up().withDetail("degraded", true).withDetail("reason", "rate limited by the gateway");
			}
			else if (status != null && (status == 401 || status == 403)) {
				builder.down().withDetail("hint", API_KEY_HINT);
			}
			else if (status != null && status == 404) {
				builder.down()
					.withDetail("hint", "check the model name (management.health.gemini.model, cometapi.gemini.model)");
			}
			else if (error instanceof TimeoutException) {
				builder.down().withDetail("reason", "no answer within " + this.timeout.toMillis() + "ms");
			}
			else {
				builder.down();
			}
		}
		builder.withDetail("calls", callDetails(statistics));
		QuotaStatistics quota = this.template.getQuotaStatistics();
		if (quota.enabled()) {
			builder.withDetail("quota", quotaDetails(quota));
		}
		return builder.build();
	}

	private static Map<String, Object> callDetails(CallStatistics statistics) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("recent", statistics.recentCalls());
		details.put("recentErrors", statistics.recentErrors());
		details.put("recentErrorRate", Math.round(statistics.recentErrorRate() * 1000) / 1000.0);
		if (statistics.lastSuccess() != null) {
			details.put("lastSuccess", statistics.lastSuccess().toString());
		}
		if (statistics.lastFailure() != null) {
			details.put("lastFailure", statistics.lastFailure().toString());
		}
		if (statistics.lastErrorType() != null) {
			details.put("lastError", statistics.lastErrorType());
		}
		if (statistics.lastErrorStatus() != null) {
			details.put("lastErrorStatus", statistics.lastErrorStatus());
		}
		return details;
	}

	private static Map<String, Object> quotaDetails(QuotaStatistics quota) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("store", quota.store());
		details.put("storeAvailable", quota.storeAvailable());
		if (!quota.storeAvailable()) {
			details.put("storeFailures", quota.storeFailures());
			details.put("hint", "the quota store cannot be reached: limits follow cometapi.gemini.quota.on-store-failure");
		}
		details.put("requestsPerMinute", quota.limits().requestsPerMinute());
		details.put("tokensPerMinute", quota.limits().tokensPerMinute());
		details.put("waiting", quota.waiting());
		details.put("waits", quota.waits());
		details.put("rejections", quota.rejections().values().stream().mapToLong(Long::longValue).sum());
		details.put("reservedTokens", quota.reservedTokens());
		details.put("pauses", quota.pauses());
		return details;
	}

	private static Duration elapsedSince(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	private static String hostOf(String baseUrl) {
		String host = URI.create(baseUrl).getHost();
		return (host != null) ? host : "unknown";
	}

	/**
	 * The outcome of one check: when it ended, how long it took, and the error, if any (a
	 * {@link GeminiException}, or a {@link TimeoutException} from the check's own timeout).
	 */
	private record Outcome(Instant checkedAt, Duration latency, @Nullable Throwable error) {
	}

	/**
	 * One check, shared by every health request while it runs and for the time to live after it ended.
	 */
	private final class CachedCheck {

		private final Instant startedAt;

		private final Mono<Outcome> outcome;

		private volatile @Nullable Instant completedAt;

		CachedCheck(Instant startedAt) {
			this.startedAt = startedAt;
			this.outcome = probe().doOnNext((result) -> this.completedAt = result.checkedAt()).cache();
		}

		boolean isFresh(Instant now) {
			Instant completed = this.completedAt;
			if (completed == null) {
				// still running; one that outlived its own timeout was abandoned by every subscriber
				return now.isBefore(this.startedAt.plus(GeminiHealthIndicator.this.timeout).plusSeconds(1));
			}
			return now.isBefore(completed.plus(GeminiHealthIndicator.this.timeToLive));
		}

	}

}
