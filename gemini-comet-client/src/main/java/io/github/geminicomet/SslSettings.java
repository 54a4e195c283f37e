package io.github.geminicomet;

import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link GeminiTemplate} secures its connections to the gateway, in the shape of a Spring Boot SSL
 * bundle without depending on Boot: the trust material (a private CA), the key material (a client
 * certificate), the TLS versions and cipher suites, and the TLS implementation. The template turns it into
 * a Netty {@code SslContext} for the HTTP version in use (with ALPN for {@code h2}). With Spring Boot, set
 * {@code cometapi.gemini.ssl.bundle} to the name of a bundle instead.
 *
 * <pre class="code">
 * TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
 * trust.init(privateCaKeyStore);
 * GeminiTemplate.builder().ssl(SslSettings.trust(trust))...
 * </pre>
 *
 * @param keyManagerFactory the client's key material, or {@code null} for none
 * @param trustManagerFactory the certificates trusted, or {@code null} for the JVM's default trust store
 * @param protocols the TLS versions enabled (such as {@code TLSv1.3}), empty for the defaults
 * @param ciphers the cipher suites enabled, empty for the defaults
 * @param provider the TLS implementation: {@link Provider#JDK}, {@link Provider#OPENSSL} (BoringSSL from
 * {@code netty-tcnative-boringssl-static}, which must be on the class path) or {@link Provider#DEFAULT}
 * (OpenSSL when available, else the JDK's)
 * @author gemini-comet
 * @since 0.2.0
 */
public record SslSettings(@Nullable KeyManagerFactory keyManagerFactory,
		@Nullable TrustManagerFactory trustManagerFactory, List<String> protocols, List<String> ciphers,
		Provider provider) {

	/**
	 * The defaults: the JVM's trust store, no client certificate, the default TLS implementation.
	 */
	public static final SslSettings DEFAULT = new SslSettings(null, null, List.of(), List.of(), Provider.DEFAULT);

	/**
	 * Create new settings.
	 */
	public SslSettings {
		protocols = List.copyOf(protocols);
		ciphers = List.copyOf(ciphers);
		provider = (provider != null) ? provider : Provider.DEFAULT;
	}

	/**
	 * Settings that trust the certificates of the given factory (a private CA, a self-signed gateway).
	 * @param trustManagerFactory the trusted certificates
	 * @return the settings
	 */
	public static SslSettings trust(TrustManagerFactory trustManagerFactory) {
		return new SslSettings(null, trustManagerFactory, List.of(), List.of(), Provider.DEFAULT);
	}

	/**
	 * Return these settings with a client certificate.
	 * @param keyManagerFactory the client's key material
	 * @return new settings
	 */
	public SslSettings withKeyManagerFactory(@Nullable KeyManagerFactory keyManagerFactory) {
		return new SslSettings(keyManagerFactory, this.trustManagerFactory, this.protocols, this.ciphers,
				this.provider);
	}

	/**
	 * Return these settings with the given TLS versions and cipher suites enabled.
	 * @param protocols the TLS versions, empty for the defaults
	 * @param ciphers the cipher suites, empty for the defaults
	 * @return new settings
	 */
	public SslSettings withProtocolsAndCiphers(List<String> protocols, List<String> ciphers) {
		return new SslSettings(this.keyManagerFactory, this.trustManagerFactory, protocols, ciphers, this.provider);
	}

	/**
	 * Return these settings with the given TLS implementation.
	 * @param provider the implementation
	 * @return new settings
	 */
	public SslSettings withProvider(Provider provider) {
		return new SslSettings(this.keyManagerFactory, this.trustManagerFactory, this.protocols, this.ciphers,
				provider);
	}

	/**
	 * Apply these settings to the builder of a client {@code SslContext}.
	 */
	void configure(SslContextBuilder builder) {
		if (this.keyManagerFactory != null) {
			builder.keyManager(this.keyManagerFactory);
		}
		if (this.trustManagerFactory != null) {
			builder.trustManager(this.trustManagerFactory);
		}
		if (!this.protocols.isEmpty()) {
			builder.protocols(this.protocols);
		}
		if (!this.ciphers.isEmpty()) {
			builder.ciphers(this.ciphers);
		}
		if (this.provider == Provider.JDK) {
			builder.sslProvider(SslProvider.JDK);
		}
		else if (this.provider == Provider.OPENSSL) {
			builder.sslProvider(SslProvider.OPENSSL);
		}
	}

	@Override
	public String toString() {
		return "SslSettings[keyManagerFactory=" + ((this.keyManagerFactory != null) ? "set" : "none")
				+ ", trustManagerFactory=" + ((this.trustManagerFactory != null) ? "set" : "JVM default")
				+ ", protocols=" + this.protocols + ", ciphers=" + this.ciphers + ", provider=" + this.provider + "]";
	}

	/**
	 * TLS implementations.
	 *
	 * @since 0.2.0
	 */
	public enum Provider {

		/**
		 * OpenSSL when {@code netty-tcnative} is on the class path, else the JDK's (Netty's choice).
		 */
		DEFAULT,

		/**
		 * The JDK's TLS ({@code SSLEngine}).
		 */
		JDK,

		/**
		 * OpenSSL (BoringSSL) through {@code netty-tcnative-boringssl-static}, which must be on the class path.
		 */
		OPENSSL

	}

}
