package io.github.geminicomet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, made by the JDK's {@code keytool}
 * in a temporary directory (no test library needed), with its key and certificate also written as PEM
 * files for a Spring Boot PEM SSL bundle.
 */
public final class TestCertificate {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private static TestCertificate shared;

	private final PrivateKey privateKey;

	private final X509Certificate certificate;

	private final Path certificatePem;

	private final Path privateKeyPem;

	private TestCertificate(Path directory) throws IOException, GeneralSecurityException, InterruptedException {
		Path keyStore = directory.resolve("gateway.p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "gateway", "-keyalg", "EC",
				"-groupname", "secp256r1", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass",
				new String(PASSWORD), "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
				"-validity", "2")
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("keytool.txt").toFile())
			.start();
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException("keytool failed: " + Files.readString(directory.resolve("keytool.txt")));
		}
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream input = Files.newInputStream(keyStore)) {
			store.load(input, PASSWORD);
		}
		this.privateKey = (PrivateKey) store.getKey("gateway", PASSWORD);
		this.certificate = (X509Certificate) store.getCertificate("gateway");
		this.certificatePem = directory.resolve("gateway.crt");
		this.privateKeyPem = directory.resolve("gateway.key");
		Files.writeString(this.certificatePem, pem("CERTIFICATE", this.certificate.getEncoded()));
		Files.writeString(this.privateKeyPem, pem("PRIVATE KEY", this.privateKey.getEncoded()));
	}

	/**
	 * The certificate of this test run, made on first use.
	 * @return the certificate
	 */
	public static synchronized TestCertificate get() {
		if (shared == null) {
			try {
				Path directory = Files.createTempDirectory("gemini-tls");
				directory.toFile().deleteOnExit();
				shared = new TestCertificate(directory);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (GeneralSecurityException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return shared;
	}

	public PrivateKey privateKey() {
		return this.privateKey;
	}

	public X509Certificate certificate() {
		return this.certificate;
	}

	/** The certificate as a PEM file, to trust it. */
	public Path certificatePem() {
		return this.certificatePem;
	}

	/** The private key as a PEM file (PKCS#8). */
	public Path privateKeyPem() {
		return this.privateKeyPem;
	}

	/**
	 * A trust manager factory that trusts this certificate only.
	 * @return the factory
	 */
	public TrustManagerFactory trustManagerFactory() {
		try {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("gateway", this.certificate);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			return factory;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
