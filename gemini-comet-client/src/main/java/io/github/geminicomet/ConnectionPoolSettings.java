package io.github.geminicomet;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.Http2AllocationStrategy;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.util.Assert;

/**
 * Sizing of the Reactor Netty connection pool a {@link GeminiTemplate} owns. Each open stream holds one
 * HTTP/1.1 connection for its whole life, so the defaults carry 10,000 concurrent streams on one
 * instance, where Reactor Netty's shared pool (500 connections, 1,000 waiting) fails the 1,501st with
 * "Pending acquire queue has reached its maximum size". Over HTTP/2 the calls are streams multiplexed over
 * at most one connection per 100 of {@code maxConnections}.
 *
 * @param maxConnections the most connections open at once
 * @param pendingAcquireMaxCount the most calls waiting for a connection
 * @param pendingAcquireTimeout the longest a call waits for a connection
 * @param maxIdleTime how long an idle connection is kept, or {@code null} for no limit
 * @param maxLifeTime how long a connection is used at most, or {@code null} for no limit
 * @author gemini-comet
 * @since 0.1.0
 */
public record ConnectionPoolSettings(int maxConnections, int pendingAcquireMaxCount,
		Duration pendingAcquireTimeout, @Nullable Duration maxIdleTime, @Nullable Duration maxLifeTime) {

	/**
	 * Defaults: 10,000 connections, 10,000 waiting for at most 45 s, idle connections closed after 30 s.
	 */
	public static final ConnectionPoolSettings DEFAULT = new ConnectionPoolSettings(10_000, 10_000,
			Duration.ofSeconds(45), Duration.ofSeconds(30), null);

	/**
	 * Calls an HTTP/2 connection is expected to carry at once (servers commonly allow 100 to 256 streams).
	 */
	static final int STREAMS_PER_CONNECTION = 100;

	/**
	 * Create new settings, checking the values.
	 */
	public ConnectionPoolSettings {
		Assert.isTrue(maxConnections > 0, "'maxConnections' must be positive");
		Assert.isTrue(pendingAcquireMaxCount > 0, "'pendingAcquireMaxCount' must be positive");
		Assert.isTrue(pendingAcquireTimeout != null && !pendingAcquireTimeout.isNegative(),
				"'pendingAcquireTimeout' must not be negative");
	}

	ConnectionProvider createProvider() {
		return createProvider(false);
	}

	/**
	 * The pool; for HTTP/2, one that multiplexes calls as streams over at most one connection per
	 * {@value #STREAMS_PER_CONNECTION} of {@link #maxConnections()}, opening another only when those in use
	 * are full.
	 */
	ConnectionProvider createProvider(boolean http2) {
		ConnectionProvider.Builder builder = ConnectionProvider.builder("gemini")
			.maxConnections(this.maxConnections)
			.pendingAcquireMaxCount(this.pendingAcquireMaxCount)
			.pendingAcquireTimeout(this.pendingAcquireTimeout);
		if (this.maxIdleTime != null) {
			builder.maxIdleTime(this.maxIdleTime);
		}
		if (this.maxLifeTime != null) {
			builder.maxLifeTime(this.maxLifeTime);
		}
		if (http2) {
			builder.allocationStrategy(Http2AllocationStrategy.builder()
				.maxConnections(Math.max(1, this.maxConnections / STREAMS_PER_CONNECTION))
				.minConnections(1)
				.strictConnectionReuse(true)
				.build());
		}
		return builder.build();
	}

}
