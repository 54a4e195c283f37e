package io.github.geminicomet.quota;

import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of how a template's client-side quota is doing, for meters and health details.
 *
 * @param enabled whether the template has a quota
 * @param store the store's name, such as {@code memory} or {@code redis}
 * @param storeAvailable whether the store answered its last operation (else limits are local or calls
 * are rejected, as configured)
 * @param limits the limits
 * @param waits how many calls waited for room
 * @param waitTime the total time calls waited for room
 * @param waiting how many calls wait for room now
 * @param rejections how many calls were rejected without being sent, by limit
 * @param reservedTokens estimated tokens reserved by calls that have not settled yet
 * @param storeFailures how many store operations failed or timed out
 * @param pauses how many 429 answers with a retry delay paused the quota
 * @author gemini-comet
 * @since 0.2.0
 */
public record QuotaStatistics(boolean enabled, String store, boolean storeAvailable, QuotaLimits limits, long waits,
		Duration waitTime, int waiting, Map<QuotaLimit, Long> rejections, long reservedTokens, long storeFailures,
		long pauses) {

	/**
	 * Create a snapshot, copying the rejections.
	 */
	public QuotaStatistics {
		rejections = Map.copyOf(rejections);
	}

	/**
	 * Return the rejections because of one limit.
	 * @param limit the limit
	 * @return how many calls it rejected
	 */
	public long rejections(QuotaLimit limit) {
		return this.rejections.getOrDefault(limit, 0L);
	}

}
