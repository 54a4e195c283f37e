package io.github.geminicomet.model;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Copying, enum-parsing and naming helpers shared by the wire records.
 */
final class ModelSupport {

	private static final String MODELS_PREFIX = "models/";

	private ModelSupport() {
	}

	/** Copy a list into an immutable list, keeping {@code null} as {@code null}. */
	static <T> @Nullable List<T> copy(@Nullable List<T> list) {
		return (list != null) ? List.copyOf(list) : null;
	}

	/** Copy a map into an unmodifiable, insertion-ordered map that allows {@code null} values. */
	static <V extends @Nullable Object> @Nullable Map<String, V> copy(@Nullable Map<String, V> map) {
		return (map != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(map)) : null;
	}

	/** Return the constant named by a wire value (case-insensitive), or {@code unknown}. */
	static <E extends Enum<E>> E parseEnum(Class<E> type, @Nullable String value, E unknown) {
		if (value != null) {
			for (E constant : type.getEnumConstants()) {
				if (constant.name().equalsIgnoreCase(value)) {
					return constant;
				}
			}
		}
		return unknown;
	}

	/** Return a model name as a resource name, adding {@code models/} when there is no prefix. */
	static String resourceName(String model) {
		if (model.isBlank()) {
			throw new IllegalArgumentException("'model' must not be blank");
		}
		return model.contains("/") ? model : MODELS_PREFIX + model;
	}

	/** Format a non-negative duration as a protobuf JSON duration, such as {@code "3600s"} or {@code "1.5s"}. */
	static String protobufDuration(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("'duration' must not be negative");
		}
		if (duration.getNano() == 0) {
			return duration.getSeconds() + "s";
		}
		String nanos = String.format(Locale.ROOT, "%09d", duration.getNano());
		int end = nanos.length();
		while (nanos.charAt(end - 1) == '0') {
			end--;
		}
		return duration.getSeconds() + "." + nanos.substring(0, end) + "s";
	}

	/** Return {@code value} unless it is {@code null}, then {@code fallback}. */
	static <T> @Nullable T firstNonNull(@Nullable T value, @Nullable T fallback) {
		return (value != null) ? value : fallback;
	}

}
