package io.github.geminicomet.sample;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClockTools}.
 *
 * @author gemini-comet
 */
class ClockToolsTests {

	private final ClockTools tools = new ClockTools(Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));

	@Test
	void cityIsMatchedAgainstTheTimeZoneDatabase() {
		assertThat(ClockTools.zoneOf("Tokyo")).isEqualTo(ZoneId.of("Asia/Tokyo"));
		assertThat(ClockTools.zoneOf(" new york ")).isEqualTo(ZoneId.of("America/New_York"));
	}

	@Test
	void unknownCityFallsBackToUtc() {
		assertThat(ClockTools.zoneOf("Atlantis")).isEqualTo(ZoneOffset.UTC);
	}

	@Test
	void currentTimeIsTheLocalTimeInTheCity() {
		assertThat(this.tools.currentTime("Tokyo"))
			.isEqualTo(new ClockTools.LocalTime("Tokyo", "Asia/Tokyo", "2026-06-01 21:00"));
	}

}
