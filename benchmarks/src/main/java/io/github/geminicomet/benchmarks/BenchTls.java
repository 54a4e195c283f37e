package io.github.geminicomet.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Locale;

import javax.net.ssl.KeyManagerFactory;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * TLS of the benchmark runs: a self-signed certificate for 127.0.0.1 made once per run by the JDK's
 * {@code keytool} (a PKCS#12 key store the fake server serves, the certificate as PEM for the clients to
 * trust), and the choices a run is made with, passed to the client JVMs as system properties:
 * {@code bench.http} ({@code h1} or {@code h2}), {@code bench.ssl} ({@code jdk} or {@code openssl}) and
 * {@code bench.trust} (the PEM file).
 */
final class BenchTls {

	static final String HTTP = "bench.http";

	static final String SSL = "bench.ssl";

	static final String TRUST = "bench.trust";

	private static final String STORE_PASSWORD = "bench-only";

	private final Path keyStore;

	private final Path certificate;

	private BenchTls(Path keyStore, Path certificate) {
		this.keyStore = keyStore;
		this.certificate = certificate;
	}

	/**
	 * Make the certificate in the given directory.
	 * @param directory where the key store and the PEM file go
	 * @return the TLS material
	 * @throws IOException if keytool fails
	 * @throws InterruptedException if interrupted while keytool runs
	 */
	static BenchTls create(Path directory) throws IOException, InterruptedException {
		Path store = directory.resolve("fake-gemini.p12");
		Files.deleteIfExists(store);
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "fake-gemini", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3",
				"-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
				store.toString(), "-storepass", STORE_PASSWORD)
			.inheritIO()
			.start();
		if (keytool.waitFor() != 0) {
			throw new IOException("keytool could not make the benchmark certificate");
		}
		try (InputStream input = Files.newInputStream(store)) {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(input, STORE_PASSWORD.toCharArray());
			byte[] der = keys.getCertificate("fake-gemini").getEncoded();
			Path pem = directory.resolve("fake-gemini.crt");
			Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
					+ "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
			return new BenchTls(store, pem);
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(ex);
		}
	}

	/** The certificate the clients trust, as PEM. */
	Path certificate() {
		return this.certificate;
	}

	/** The server's key material. */
	KeyManagerFactory keyManagerFactory() {
		try (InputStream input = Files.newInputStream(this.keyStore)) {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(input, STORE_PASSWORD.toCharArray());
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(keys, STORE_PASSWORD.toCharArray());
			return factory;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Whether this client JVM runs over TLS. */
	static boolean enabled() {
		return System.getProperty(TRUST) != null;
	}

	/** Whether this client JVM speaks h2. */
	static boolean h2() {
		return "h2".equals(System.getProperty(HTTP));
	}

	/** Whether this client JVM uses OpenSSL (netty-tcnative) rather than the JDK's TLS. */
	static boolean openSsl() {
		return "openssl".equals(System.getProperty(SSL, "jdk").toLowerCase(Locale.ROOT));
	}

	/** Trust the run's certificate with the chosen TLS implementation (the floor's client). */
	static void configureClient(SslContextBuilder builder) {
		builder.trustManager(Path.of(System.getProperty(TRUST)).toFile())
			.sslProvider(openSsl() ? SslProvider.OPENSSL : SslProvider.JDK);
	}

}
