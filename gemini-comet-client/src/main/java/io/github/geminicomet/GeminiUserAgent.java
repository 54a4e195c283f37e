package io.github.geminicomet;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The {@code User-Agent} header of every request, {@code gemini-comet/<version>}, so that the gateway and
 * Google see which client calls; a {@code User-Agent} among the template's default headers replaces it.
 * The version comes from a resource the build writes, {@code dev} when it is missing.
 */
final class GeminiUserAgent {

	static final String VERSION = readVersion();

	static final String VALUE = "gemini-comet/" + VERSION;

	private GeminiUserAgent() {
	}

	private static String readVersion() {
		try (InputStream input = GeminiUserAgent.class.getResourceAsStream("gemini-comet.properties")) {
			if (input != null) {
				Properties properties = new Properties();
				properties.load(input);
				String version = properties.getProperty("version", "").strip();
				if (!version.isEmpty() && !version.startsWith("${")) {
					return version;
				}
			}
		}
		catch (IOException ex) {
			// fall through to the placeholder version
		}
		return "dev";
	}

}
