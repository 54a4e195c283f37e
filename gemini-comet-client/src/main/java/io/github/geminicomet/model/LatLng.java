package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A latitude and longitude pair in degrees (WGS84).
 *
 * @param latitude the latitude, in {@code [-90, 90]}
 * @param longitude the longitude, in {@code [-180, 180]}
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LatLng(@Nullable Double latitude, @Nullable Double longitude) {

	/**
	 * Create a location.
	 * @param latitude the latitude in degrees
	 * @param longitude the longitude in degrees
	 * @return the location
	 */
	public static LatLng of(double latitude, double longitude) {
		return new LatLng(latitude, longitude);
	}

}
