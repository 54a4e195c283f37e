package io.github.geminicomet.quota;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * {@link QuotaStore} in Redis, shared by every instance that uses the same key, through a reactive
 * Spring Data Redis connection (Lettuce). Each decision is one Lua script that Redis runs atomically,
 * with Redis's own clock, so that instances with skewed clocks agree (the approach of Spring Cloud
 * Gateway's {@code RedisRateLimiter}).
 *
 * <p>Keys: {@code <prefix>:{<key>}:requests} and {@code :tokens} (hashes of {@code level} and
 * {@code ts}, in microseconds) and {@code :pause}; the braces keep one quota's keys in one Redis Cluster
 * slot. Every key expires once its bucket would be full again, so an idle quota leaves nothing behind.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public final class RedisQuotaStore implements QuotaStore {

	/**
	 * Default key prefix.
	 */
	public static final String DEFAULT_KEY_PREFIX = "gemini-comet:quota";

	// shared part of the scripts: now (microseconds, Redis's clock) and the refill of bucket i
	private static final String REFILL = """
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
			local function refill(i, cap)
			  local state = redis.call('HMGET', KEYS[i], 'level', 'ts')
			  local level = tonumber(state[1])
			  if level == nil then return cap end
			  local ts = tonumber(state[2]) or now
			  return math.min(cap, level + math.max(0, now - ts) * cap / 60000000)
			end
			local function store(i, cap, level)
			  redis.call('HSET', KEYS[i], 'level', tostring(level), 'ts', tostring(now))
			  redis.call('PEXPIRE', KEYS[i], math.ceil((cap - level) * 60000 / cap) + 1000)
			end
			""";

	// KEYS: requests, tokens, pause; ARGV: requests/min, tokens/min, token cost, max wait (us)
	// returns {granted 0|1, wait (us), limit 0 none|1 requests|2 tokens|3 pause}
	private static final RedisScript<List> RESERVE = RedisScript.of(REFILL + """
			local wait, limit = 0, 0
			local paused = tonumber(redis.call('GET', KEYS[3]) or '0')
			if paused > now then wait, limit = paused - now, 3 end
			local levels = {}
			for i = 1, 2 do
			  local cap = tonumber(ARGV[i])
			  if cap > 0 then
			    local cost = 1
			    if i == 2 then cost = math.min(tonumber(ARGV[3]), cap) end
			    local level = refill(i, cap)
			    if level < cost then
			      local needed = math.ceil((cost - level) * 60000000 / cap)
			      if needed > wait then wait, limit = needed, i end
			    end
			    levels[i] = level - cost
			  end
			end
			if wait > tonumber(ARGV[4]) then return {0, wait, limit} end
			for i = 1, 2 do
			  if levels[i] then store(i, tonumber(ARGV[i]), levels[i]) end
			end
			return {1, wait, limit}
			""", List.class);

	// KEYS: requests, tokens; ARGV: requests/min, tokens/min, requests delta, tokens delta
	private static final RedisScript<Long> ADJUST = RedisScript.of(REFILL + """
			for i = 1, 2 do
			  local cap = tonumber(ARGV[i])
			  local delta = tonumber(ARGV[i + 2])
			  if cap > 0 and delta ~= 0 then store(i, cap, math.min(cap, refill(i, cap) - delta)) end
			end
			return 1
			""", Long.class);

	// KEYS: pause; ARGV: duration (us)
	private static final RedisScript<Long> PAUSE = RedisScript.of("""
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
			local untilTime = now + tonumber(ARGV[1])
			local current = tonumber(redis.call('GET', KEYS[1]) or '0')
			if untilTime > current then
			  redis.call('SET', KEYS[1], string.format('%.0f', untilTime), 'PX', math.ceil(tonumber(ARGV[1]) / 1000) + 1)
			end
			return 1
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final String keyPrefix;

	private volatile boolean connected;

	/**
	 * Create a store with the {@linkplain #DEFAULT_KEY_PREFIX default key prefix}.
	 * @param connectionFactory the application's reactive Redis connection factory
	 */
	public RedisQuotaStore(ReactiveRedisConnectionFactory connectionFactory) {
		this(connectionFactory, DEFAULT_KEY_PREFIX);
	}

	/**
	 * Create a store.
	 * @param connectionFactory the application's reactive Redis connection factory
	 * @param keyPrefix the prefix of every key, such as {@code gemini-comet:quota}
	 */
	public RedisQuotaStore(ReactiveRedisConnectionFactory connectionFactory, String keyPrefix) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.hasText(keyPrefix, "'keyPrefix' must not be empty");
		this.redis = new ReactiveStringRedisTemplate(connectionFactory);
		this.keyPrefix = keyPrefix;
	}

	@Override
	public Mono<QuotaDecision> reserve(String key, QuotaLimits limits, long tokens, Duration maxWait) {
		List<String> keys = List.of(key(key, "requests"), key(key, "tokens"), key(key, "pause"));
		List<String> args = List.of(Long.toString(limits.requestsPerMinute()), Long.toString(limits.tokensPerMinute()),
				Long.toString(Math.max(0, tokens)), Long.toString(micros(maxWait)));
		return execute(RESERVE, keys, args).next().map(RedisQuotaStore::decision);
	}

	@Override
	public Mono<Void> adjust(String key, QuotaLimits limits, long requests, long tokens) {
		List<String> keys = List.of(key(key, "requests"), key(key, "tokens"));
		List<String> args = List.of(Long.toString(limits.requestsPerMinute()), Long.toString(limits.tokensPerMinute()),
				Long.toString(requests), Long.toString(tokens));
		return execute(ADJUST, keys, args).then();
	}

	@Override
	public Mono<Void> pause(String key, Duration duration) {
		return execute(PAUSE, List.of(key(key, "pause")), List.of(Long.toString(micros(duration)))).then();
	}

	@Override
	public String name() {
		return "redis";
	}

	/**
	 * Run a script. Until the first answer, on a thread that may block: a connection factory that shares
	 * one native connection (Boot's default) opens it, blocking, on first use; afterwards Lettuce keeps it
	 * and reconnects it on its own event loop.
	 */
	private <T> Flux<T> execute(RedisScript<T> script, List<String> keys, List<String> args) {
		Flux<T> result = this.redis.execute(script, keys, args);
		if (this.connected) {
			return result;
		}
		return result.subscribeOn(Schedulers.boundedElastic()).doOnNext((value) -> this.connected = true);
	}

	/**
	 * Return the Redis key of one part of a quota.
	 * @param key the quota's key
	 * @param part {@code requests}, {@code tokens} or {@code pause}
	 * @return the Redis key
	 */
	String key(String key, String part) {
		return this.keyPrefix + ":{" + key + "}:" + part;
	}

	@Override
	public String toString() {
		return "RedisQuotaStore[" + this.keyPrefix + "]";
	}

	private static long micros(Duration duration) {
		return duration.toNanos() / 1000;
	}

	private static QuotaDecision decision(List<?> result) {
		boolean granted = number(result.get(0)) == 1;
		Duration wait = Duration.ofNanos(number(result.get(1)) * 1000);
		QuotaLimit limit = switch ((int) number(result.get(2))) {
			case 1 -> QuotaLimit.REQUESTS_PER_MINUTE;
			case 2 -> QuotaLimit.TOKENS_PER_MINUTE;
			case 3 -> QuotaLimit.SERVER_RETRY_DELAY;
			default -> null;
		};
		if (granted && wait.isZero()) {
			return QuotaDecision.NOW;
		}
		return new QuotaDecision(granted, wait, limit);
	}

	private static long number(Object value) {
		return (value instanceof Number number) ? number.longValue() : Long.parseLong(value.toString());
	}

}
