package io.github.geminicomet;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import io.github.geminicomet.GeminiTemplate.Transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.TemplateFixtures.API_KEY;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for how {@link GeminiTemplate} puts the API key on the wire: whitespace around it removed, control
 * characters inside it rejected before anything is sent (they would end the key header and start one of
 * their own), on both transports and with a given connector.
 *
 * @author gemini-comet
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateApiKeyTests {

	private static final String PATH = "/v1beta/models/gemini-3.5-flash-lite:generateContent";

	/** A key as a secret mount gives it, followed by a header an attacker would like to add. */
	private static final String INJECTING_KEY = API_KEY + "\r\nX-Injected: yes";

	@RegisterExtension
	static WireMockExtension wireMock = TemplateFixtures.wireMock();

	private GeminiTemplate.Builder builder(Transport transport, String apiKey) {
		wireMock.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody(fixture("unary/text.json"))));
		return GeminiTemplate.builder()
			.apiKey(apiKey)
			.baseUrl(baseUrl(wireMock))
			.retry(RetrySettings.NONE)
			.transport(transport);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void keyFromAFileEndingInANewlineIsSentWithoutIt(Transport transport) {
		try (GeminiTemplate template = builder(transport, "  " + API_KEY + "\r\n").build()) {
			assertThat(template.generateText("Hi").block(TIMEOUT)).isNotEmpty();
		}
		wireMock.verify(1, postRequestedFor(urlEqualTo(PATH)).withHeader("x-goog-api-key", equalTo(API_KEY)));
	}

	@Test
	void keyWithATrailingNewlineIsSentWithoutItThroughAGivenConnector() {
		try (GeminiTemplate template = builder(Transport.REACTOR_NETTY, API_KEY + "\n")
			.connector(new ReactorClientHttpConnector())
			.authScheme(AuthScheme.BEARER)
			.build()) {
			assertThat(template.generateText("Hi").block(TIMEOUT)).isNotEmpty();
		}
		wireMock.verify(1, postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + API_KEY)));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void keyThatWouldInjectAHeaderIsRejectedBeforeAnythingIsSent(Transport transport) {
		assertThatIllegalStateException().isThrownBy(() -> builder(transport, INJECTING_KEY).build())
			.withMessageContaining("apiKey")
			.withMessageContaining("cometapi.gemini.api-key")
			.withMessageContaining("U+000D")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(API_KEY).doesNotContain("X-Injected"));
		wireMock.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void keyThatWouldInjectAHeaderIsRejectedWithAGivenConnectorToo() {
		assertThatIllegalStateException()
			.isThrownBy(() -> builder(Transport.WEB_CLIENT, INJECTING_KEY).connector(new ReactorClientHttpConnector())
				.build())
			.withMessageContaining("control character");
		wireMock.verify(0, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "key\u0000tail", "key\ttail", "key\u007ftail", "key\u2028tail" })
	void keyWithAnyOtherControlCharacterIsRejected(String key) {
		assertThatIllegalStateException().isThrownBy(() -> GeminiTemplate.builder().apiKey(key).build())
			.withMessageContaining("apiKey")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("tail"));
	}

}
