package io.github.geminicomet.sample;

import java.util.List;
import java.util.Locale;

import org.springframework.aot.hint.annotation.Reflective;
import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.stereotype.Component;

import io.github.geminicomet.tool.GeminiTool;
import io.github.geminicomet.tool.GeminiToolParam;

/**
 * A weather "service" for the function-calling demo: made-up but stable numbers per city, so that the
 * sample needs no weather API. {@code @Reflective} keeps the tool method invocable in a native image.
 *
 * @author gemini-comet
 */
@Component
@RegisterReflectionForBinding(WeatherTools.Weather.class)
class WeatherTools {

	private static final List<String> CONDITIONS = List.of("sunny", "partly cloudy", "cloudy", "light rain",
			"windy");

	@Reflective
	@GeminiTool(description = "Current weather in a city: temperature in degrees Celsius and conditions")
	Weather currentWeather(@GeminiToolParam(description = "City name, such as Paris") String city) {
		int seed = Math.abs(city.strip().toLowerCase(Locale.ROOT).hashCode());
		return new Weather(city.strip(), 5 + seed % 26, CONDITIONS.get(seed % CONDITIONS.size()));
	}

	record Weather(String city, int temperatureCelsius, String conditions) {
	}

}
