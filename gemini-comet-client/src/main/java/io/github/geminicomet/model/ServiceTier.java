package io.github.geminicomet.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * The service tier a request asks for ({@code serviceTier}): the price and latency trade-off. The tier
 * that served a call comes back in {@link UsageMetadata#serviceTier()}.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public enum ServiceTier {

	/** The standard tier. */
	STANDARD,

	/** Cheaper, with looser latency: may be queued when capacity is short. */
	FLEX,

	/** Faster and steadier, at a higher price. */
	PRIORITY,

	/** A tier this version does not know. */
	UNKNOWN;

	/**
	 * Return the wire value.
	 * @return the lower-case name, such as {@code flex}
	 */
	@JsonValue
	public String wireValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Read a tier from its wire value ({@code standard}, {@code SERVICE_TIER_FLEX}, ...), {@link #UNKNOWN}
	 * for others.
	 * @param value the wire value
	 * @return the tier
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static ServiceTier of(@Nullable String value) {
		String name = (value != null && value.toUpperCase(Locale.ROOT).startsWith("SERVICE_TIER_"))
				? value.substring("SERVICE_TIER_".length()) : value;
		return ModelSupport.parseEnum(ServiceTier.class, name, UNKNOWN);
	}

}
