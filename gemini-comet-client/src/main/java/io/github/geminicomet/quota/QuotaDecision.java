package io.github.geminicomet.quota;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A {@link QuotaStore}'s answer to a reservation: granted, to be sent after {@code wait} (zero when
 * there is room now), or refused because the room would come later than the caller can wait, with the
 * limit that lacks room.
 *
 * @param granted whether the reservation was made
 * @param delay how long to wait before sending (granted), or until there would be room (refused)
 * @param limit the limit that made the caller wait or refused it; {@code null} when there was room
 * @author gemini-comet
 * @since 0.2.0
 */
public record QuotaDecision(boolean granted, Duration delay, @Nullable QuotaLimit limit) {

	/**
	 * A grant without wait.
	 */
	public static final QuotaDecision NOW = new QuotaDecision(true, Duration.ZERO, null);

}
