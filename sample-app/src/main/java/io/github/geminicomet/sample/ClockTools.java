package io.github.geminicomet.sample;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.aot.hint.annotation.Reflective;
import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.stereotype.Component;

import io.github.geminicomet.tool.GeminiTool;
import io.github.geminicomet.tool.GeminiToolParam;

/**
 * The local time in a city, for the function-calling demo: the city is matched against the time zone
 * database's city names ({@code Asia/Tokyo}, {@code America/New_York}...).
 *
 * @author gemini-comet
 */
@Component
@RegisterReflectionForBinding(ClockTools.LocalTime.class)
class ClockTools {

	private final Clock clock;

	ClockTools() {
		this(Clock.systemUTC());
	}

	ClockTools(Clock clock) {
		this.clock = clock;
	}

	@Reflective
	@GeminiTool(description = "Current local date and time in a city, with its time zone")
	LocalTime currentTime(@GeminiToolParam(description = "City name, such as Tokyo") String city) {
		ZoneId zone = zoneOf(city);
		ZonedDateTime now = ZonedDateTime.now(this.clock.withZone(zone));
		return new LocalTime(city.strip(), zone.getId(), now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
	}

	/**
	 * The zone whose id ends with the city ({@code New York} matches {@code America/New_York}), else UTC.
	 */
	static ZoneId zoneOf(String city) {
		String suffix = "/" + city.strip().replace(' ', '_').toLowerCase(Locale.ROOT);
		return ZoneId.getAvailableZoneIds()
			.stream()
			.filter((id) -> id.toLowerCase(Locale.ROOT).endsWith(suffix))
			.sorted()
			.findFirst()
			.map(ZoneId::of)
			.orElse(ZoneOffset.UTC);
	}

	record LocalTime(String city, String timeZone, String localTime) {
	}

}
