package io.github.geminicomet;

import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.geminicomet.GeminiTemplate.Transport;
import io.github.geminicomet.model.GenerateContentRequest;

import static io.github.geminicomet.TemplateFixtures.API_KEY;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiTemplate} over TLS, against an HTTPS fake Gemini with a self-signed certificate:
 * trusted through {@link SslSettings} or a given Netty {@code SslContext} it works on both transports;
 * untrusted, the error says so and names the setting to change.
 *
 * @author gemini-comet
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateTlsTests {

	@AutoClose
	private final NettyGeminiServer server = NettyGeminiServer.https();

	private GeminiTemplate.Builder builder(Transport transport) {
		return GeminiTemplate.builder()
			.apiKey(API_KEY)
			.baseUrl(this.server.baseUrl())
			.retry(RetrySettings.NONE)
			.transport(transport);
	}

	private static void callUnaryAndStream(GeminiTemplate template) {
		assertThat(template.generateText("Hi").block(TIMEOUT)).isEqualTo("Rex");
		assertThat(template.streamText("Hi").collectList().block(TIMEOUT)).containsExactly("He", "llo");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void gatewayWithATrustedPrivateCertificateAnswers(Transport transport) {
		try (GeminiTemplate template = builder(transport)
			.ssl(SslSettings.trust(TestCertificate.get().trustManagerFactory()))
			.build()) {
			callUnaryAndStream(template);
		}
		assertThat(this.server.protocols()).containsOnly("HTTP/1.1").hasSize(2);
		assertThat(this.server.keys()).containsOnly(API_KEY);
	}

	@Test
	void gatewayAnswersThroughAGivenSslContext() throws Exception {
		try (GeminiTemplate template = builder(Transport.REACTOR_NETTY)
			.sslContext(SslContextBuilder.forClient().trustManager(TestCertificate.get().certificate()).build())
			.build()) {
			callUnaryAndStream(template);
		}
	}

	@Test
	void gatewayAnswersWithTheJdkTlsImplementationAndTls13Only() {
		try (GeminiTemplate template = builder(Transport.REACTOR_NETTY)
			.ssl(SslSettings.trust(TestCertificate.get().trustManagerFactory())
				.withProtocolsAndCiphers(java.util.List.of("TLSv1.3"), java.util.List.of())
				.withProvider(SslSettings.Provider.JDK))
			.build()) {
			callUnaryAndStream(template);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void untrustedCertificateFailsSayingSoAndNamingTheSetting(Transport transport) {
		try (GeminiTemplate template = builder(transport).build()) {
			Throwable error = errorOf(template.generateContent(GenerateContentRequest.of("Hi")));
			assertThat(error).isInstanceOf(GeminiRequestException.class)
				.hasMessageContaining("certificate is not trusted")
				.hasMessageContaining("cometapi.gemini.ssl.bundle")
				.hasMessageContaining("ssl(SslSettings.trust(...))")
				.hasMessageNotContaining(API_KEY);
			Throwable streamError = errorOf(template.streamGenerateContent(GenerateContentRequest.of("Hi")));
			assertThat(streamError).hasMessageContaining("certificate is not trusted");
		}
		assertThat(this.server.protocols()).isEmpty();
	}

	@Test
	void sslSettingsNeverShowTheirKeyMaterial() {
		assertThat(SslSettings.trust(TestCertificate.get().trustManagerFactory()).toString())
			.contains("trustManagerFactory=set", "keyManagerFactory=none");
	}

}
