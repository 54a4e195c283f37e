package io.github.geminicomet.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.TrustManagerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.geminicomet.GeminiOperations;
import io.github.geminicomet.GeminiTemplateBuilderCustomizer;
import io.github.geminicomet.SslSettings;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;

/**
 * {@code GeminiTemplate} as users get it: a Spring Boot application (no web server) whose
 * auto-configuration builds the template from {@code cometapi.gemini.*} properties.
 */
final class TemplateClient implements BenchClient {

	private static final GenerateContentRequest REQUEST = GenerateContentRequest.of(PROMPT);

	private final ConfigurableApplicationContext context;

	private final GeminiOperations gemini;

	TemplateClient(String baseUrl) {
		this(baseUrl, new String[0]);
	}

	TemplateClient(String baseUrl, String[] properties) {
		this.context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("cometapi.gemini.base-url=" + baseUrl, "cometapi.gemini.api-key=" + API_KEY)
			.properties(extraProperties())
			.properties(properties)
			.properties(tlsProperties())
			.initializers((context) -> {
				if (BenchTls.enabled()) {
					// the implementation is the run's choice: OpenSSL or the JDK's, not Netty's default
					context.getBeanFactory().registerSingleton("benchTls", (GeminiTemplateBuilderCustomizer) (builder) -> builder
						.ssl(SslSettings.trust(trust()).withProvider(BenchTls.openSsl() ? SslSettings.Provider.OPENSSL
								: SslSettings.Provider.JDK)));
				}
			})
			.run();
		this.gemini = this.context.getBean(GeminiOperations.class);
	}

	/**
	 * The quota shared through Redis, its limits set far above what the benchmark sends, so that every call
	 * pays for its reservation and settlement and none waits: the Redis server is the runner's
	 * ({@code -Dbench.redis.port}).
	 */
	static String[] redisQuotaProperties() {
		return new String[] { "cometapi.gemini.quota.store=redis", "cometapi.gemini.quota.requests-per-minute=1000000000",
				"cometapi.gemini.quota.tokens-per-minute=1000000000000",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + System.getProperty("bench.redis.port") };
	}

	/** More properties, to compare settings: {@code -Dbench.template=cometapi.gemini.call-timeout=;...}. */
	private static String[] extraProperties() {
		String extra = System.getProperty("bench.template", "");
		return extra.isBlank() ? new String[0] : extra.split(";");
	}

	/** Over TLS: the HTTP version of the run, as users set it. */
	private static String[] tlsProperties() {
		return BenchTls.h2() ? new String[] { "cometapi.gemini.http-version=h2" } : new String[0];
	}

	private static TrustManagerFactory trust() {
		try (InputStream pem = Files.newInputStream(Path.of(System.getProperty(BenchTls.TRUST)))) {
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			store.setCertificateEntry("fake-gemini", CertificateFactory.getInstance("X.509").generateCertificate(pem));
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			return factory;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public Mono<String> unary(String model) {
		return this.gemini.generateContent(model, REQUEST).map(GenerateContentResponse::text);
	}

	@Override
	public Flux<String> stream(String model) {
		return this.gemini.streamGenerateContent(model, REQUEST).map(GenerateContentResponse::text);
	}

	@Override
	public void close() {
		this.context.close();
	}

	/** The application: nothing but auto-configuration. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
