package io.github.geminicomet;

import org.jspecify.annotations.Nullable;

/**
 * Checks an API key before it goes into a request header, where a control character would end the header
 * and start one of its own. Describes the problem without ever showing the key.
 */
final class ApiKeys {

	private ApiKeys() {
	}

	/**
	 * What is wrong with a key whose surrounding whitespace has been removed, or {@code null} when it can go
	 * into a header as it is.
	 */
	static @Nullable String problem(String key) {
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (Character.isISOControl(c)) {
				return String.format("contains a control character (U+%04X, at position %d of %d) that would break "
						+ "the request header: copy the key again without line breaks or tabs", (int) c, i + 1,
						key.length());
			}
			if (c > 0xFF) {
				return String.format("contains a character that cannot be sent in a header (U+%04X, at position %d "
						+ "of %d): copy the key again from CometAPI's console", (int) c, i + 1, key.length());
			}
		}
		return null;
	}

}
