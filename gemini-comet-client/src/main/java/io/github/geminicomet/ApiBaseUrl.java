package io.github.geminicomet;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The API root URL from a base URL and an API version: a base URL that already ends in the API version
 * ({@code https://api.cometapi.com/v1beta}, with or without a trailing slash) is taken without it, and one
 * that ends in another version ({@code /v1}, CometAPI's OpenAI-compatible path) is refused.
 */
final class ApiBaseUrl {

	private static final Pattern VERSION_SEGMENT = Pattern
		.compile("^([a-z][a-z0-9+.-]*://[^/]+(?:/.*)?)/(v\\d+(?:(?:alpha|beta)\\d*)?)/*$", Pattern.CASE_INSENSITIVE);

	private ApiBaseUrl() {
	}

	/**
	 * The URL that the endpoint paths ({@code models/...}) are appended to, ending in a slash.
	 */
	static String apiUrl(String baseUrl, String apiVersion) {
		return rootUrl(baseUrl, apiVersion) + "/" + apiVersion + "/";
	}

	/**
	 * The gateway's root URL: the base URL without a trailing API version segment or slash (upload paths
	 * start there: {@code /upload/v1beta/files}).
	 */
	static String rootUrl(String baseUrl, String apiVersion) {
		String root = baseUrl.strip();
		Matcher matcher = VERSION_SEGMENT.matcher(root);
		if (matcher.matches() && matcher.group(2).equalsIgnoreCase(apiVersion)) {
			root = matcher.group(1);
		}
		while (root.endsWith("/")) {
			root = root.substring(0, root.length() - 1);
		}
		return root;
	}

	/**
	 * Refuse a base URL that ends in an API version other than the configured one.
	 * @throws IllegalStateException naming the version segment and the fix
	 */
	static void checkVersion(String baseUrl, String apiVersion) {
		String version = otherVersion(baseUrl, apiVersion);
		if (version != null) {
			throw new IllegalStateException("The Gemini base URL '" + baseUrl + "' ends in the API version '"
					+ version + "', so requests would go to /" + version + "/" + apiVersion + "/models/...: set the "
					+ "base URL to the gateway's root (such as " + GeminiTemplate.DEFAULT_BASE_URL + "; CometAPI's /v1 "
					+ "is its OpenAI-compatible API, not Gemini's native one) and the version with apiVersion(...)");
		}
	}

	/**
	 * The trailing version segment of the base URL when it is not the API version, else {@code null}.
	 */
	static @Nullable String otherVersion(String baseUrl, String apiVersion) {
		Matcher matcher = VERSION_SEGMENT.matcher(baseUrl.strip());
		if (!matcher.matches() || matcher.group(2).equalsIgnoreCase(apiVersion)) {
			return null;
		}
		return matcher.group(2).toLowerCase(Locale.ROOT);
	}

}
