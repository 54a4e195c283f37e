package io.github.geminicomet.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.geminicomet.GeminiRequestException;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.HttpVersion;
import io.github.geminicomet.NettyGeminiServer;
import io.github.geminicomet.TestCertificate;
import io.github.geminicomet.model.GenerateContentRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the network settings of {@link GeminiAutoConfiguration}: {@code cometapi.gemini.ssl.bundle}
 * against an HTTPS fake Gemini with a self-signed certificate trusted through a PEM bundle,
 * {@code cometapi.gemini.http-version}, and Boot's {@code spring.http.clients.*} as defaults that the
 * {@code cometapi.gemini.*} properties override.
 *
 * @author gemini-comet
 */
class GeminiNetworkAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@AutoClose
	private NettyGeminiServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, GeminiAutoConfiguration.class))
		.withPropertyValues("cometapi.gemini.api-key=test-key", "cometapi.gemini.retry.enabled=false");

	private ApplicationContextRunner https(NettyGeminiServer server) {
		this.server = server;
		return this.contextRunner.withPropertyValues("cometapi.gemini.base-url=" + server.baseUrl(),
				"spring.ssl.bundle.pem.gateway.truststore.certificate=file:" + TestCertificate.get().certificatePem());
	}

	@Test
	void sslBundleTrustsThePrivateCertificateOfTheGateway() {
		https(NettyGeminiServer.https()).withPropertyValues("cometapi.gemini.ssl.bundle=gateway").run((context) -> {
			assertThat(context.getBean(GeminiTemplate.class).generateText("Hi").block()).isEqualTo("Rex");
			assertThat(this.server.protocols()).containsExactly("HTTP/1.1");
		});
	}

	@Test
	void springHttpClientsSslBundleIsTheDefault() {
		https(NettyGeminiServer.https()).withPropertyValues("spring.http.clients.ssl.bundle=gateway").run((context) -> {
			assertThat(context.getBean(GeminiTemplate.class).generateText("Hi").block()).isEqualTo("Rex");
		});
	}

	@Test
	void withoutTheBundleTheErrorSaysTheCertificateIsNotTrustedAndNamesTheProperty() {
		https(NettyGeminiServer.https()).run((context) -> assertThatExceptionOfType(GeminiRequestException.class)
			.isThrownBy(() -> context.getBean(GeminiTemplate.class).generateContent(GenerateContentRequest.of("Hi")).block())
			.withMessageContaining("certificate is not trusted")
			.withMessageContaining("cometapi.gemini.ssl.bundle"));
	}

	@Test
	void unknownBundleFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("cometapi.gemini.ssl.bundle=missing").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidGeminiPropertyException.class)
				.hasMessageContaining("'cometapi.gemini.ssl.bundle'")
				.hasMessageContaining("'missing'");
		});
	}

	@Test
	void httpVersionH2SpeaksHttp2ThroughTheBundle() {
		https(NettyGeminiServer.h2())
			.withPropertyValues("cometapi.gemini.ssl.bundle=gateway", "cometapi.gemini.http-version=h2")
			.run((context) -> {
				assertThat(context.getBean(GeminiProperties.class).getHttpVersion()).isEqualTo(HttpVersion.H2);
				GeminiTemplate template = context.getBean(GeminiTemplate.class);
				assertThat(template.generateText("Hi").block()).isEqualTo("Rex");
				assertThat(template.streamText("Hi").collectList().block()).containsExactly("He", "llo");
				assertThat(this.server.protocols()).containsOnly("HTTP/2.0");
			});
	}

	@Test
	void httpVersionDefaultsToHttp11() {
		this.contextRunner.run((context) -> assertThat(context.getBean(GeminiProperties.class).getHttpVersion())
			.isEqualTo(HttpVersion.HTTP_1_1));
	}

	@Test
	void springHttpClientsReadTimeoutIsTheDefault() {
		assertThat(readTimeoutFailure("spring.http.clients.read-timeout=300ms"))
			.contains("read timeout of PT0.3S");
	}

	@Test
	void cometapiReadTimeoutWinsOverSpringHttpClients() {
		assertThat(readTimeoutFailure("spring.http.clients.read-timeout=300ms", "cometapi.gemini.read-timeout=400ms"))
			.contains("read timeout of PT0.4S");
	}

	private String readTimeoutFailure(String... properties) {
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent"))
			.willReturn(aResponse().withFixedDelay(3000).withBody("{}")));
		String[] message = new String[1];
		this.contextRunner.withPropertyValues("cometapi.gemini.base-url=http://127.0.0.1:" + wireMock.getPort())
			.withPropertyValues(properties)
			.run((context) -> message[0] = assertThatExceptionOfType(GeminiRequestException.class)
				.isThrownBy(() -> context.getBean(GeminiTemplate.class)
					.generateContent(GenerateContentRequest.of("Hi"))
					.block())
				.actual()
				.getMessage());
		return message[0];
	}

}
