package io.github.geminicomet.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import io.github.geminicomet.SslSettings;

/**
 * Boot's standard settings for HTTP clients ({@code spring.http.clients.*}) as the defaults of the
 * template's own client: a {@code cometapi.gemini.*} property that is set wins, then the
 * {@code spring.http.clients.*} one, then the template's default. Redirects are never followed, whatever
 * {@code spring.http.clients.redirects} says: the key header would follow them to another host.
 */
final class HttpClientDefaults {

	private static final String PREFIX = "spring.http.clients.";

	private HttpClientDefaults() {
	}

	/**
	 * A timeout: {@code cometapi.gemini.<name>} when set, else {@code spring.http.clients.<name>}, else the
	 * default of the Gemini property.
	 */
	static Duration timeout(Environment environment, String name, Duration geminiValue) {
		Binder binder = Binder.get(environment);
		if (binder.bind("cometapi.gemini." + name, Duration.class).isBound()) {
			return geminiValue;
		}
		return binder.bind(PREFIX + name, Duration.class).orElse(geminiValue);
	}

	/**
	 * The TLS settings of the SSL bundle named by {@code cometapi.gemini.ssl.bundle}, else by
	 * {@code spring.http.clients.ssl.bundle}; {@code null} when neither is set.
	 */
	static @Nullable SslSettings ssl(@Nullable String geminiBundle, Environment environment,
			ObjectProvider<SslBundles> sslBundles) {
		String property = "cometapi.gemini.ssl.bundle";
		String name = geminiBundle;
		if (!StringUtils.hasText(name)) {
			property = PREFIX + "ssl.bundle";
			name = Binder.get(environment).bind(property, String.class).orElse(null);
		}
		if (!StringUtils.hasText(name)) {
			return null;
		}
		SslBundles bundles = sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new InvalidGeminiPropertyException(property,
					"'" + property + "' names the SSL bundle '" + name + "', but the application has no SSL bundles.",
					"Define the bundle under spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name
							+ " (Spring Boot's SslAutoConfiguration registers them), or remove " + property + ".");
		}
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidGeminiPropertyException(property,
					"'" + property + "' names the SSL bundle '" + name + "', but there is no bundle of that name.",
					"Define it under spring.ssl.bundle.pem." + name + " (a PEM certificate to trust: "
							+ "spring.ssl.bundle.pem." + name + ".truststore.certificate) or spring.ssl.bundle.jks."
							+ name + ", or correct " + property + ".");
		}
		SslOptions options = bundle.getOptions();
		return new SslSettings(
				(bundle.getStores().getKeyStore() != null) ? bundle.getManagers().getKeyManagerFactory() : null,
				bundle.getManagers().getTrustManagerFactory(), list(options.getEnabledProtocols()),
				list(options.getCiphers()), SslSettings.Provider.DEFAULT);
	}

	private static List<String> list(String @Nullable [] values) {
		return (values != null) ? List.of(values) : List.of();
	}

}
