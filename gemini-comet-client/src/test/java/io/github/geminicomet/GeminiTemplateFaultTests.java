package io.github.geminicomet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.geminicomet.model.GenerateContentRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.github.geminicomet.TemplateFixtures.assertKeyNotLeaked;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.errorOf;
import static io.github.geminicomet.TemplateFixtures.template;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static io.github.geminicomet.TemplateFixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiTemplate}: transport faults become {@link GeminiRequestException}s carrying the
 * method and URI, never raw Netty or WebClient exceptions.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateFaultTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final GenerateContentRequest HELLO = GenerateContentRequest.of("Hello");

	@AutoClose
	private final GeminiTemplate template = template(wireMock);

	@ParameterizedTest
	@EnumSource(value = Fault.class,
			names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE", "MALFORMED_RESPONSE_CHUNK" })
	void generateContentWhenServerFaultsSignalsRequestException(Fault fault) {
		wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withFault(fault)));
		Throwable error = errorOf(this.template.generateContent(HELLO));
		assertRequestException(error, uri(baseUrl(wireMock), "gemini-3.5-flash-lite", "generateContent"));
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class,
			names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE", "MALFORMED_RESPONSE_CHUNK" })
	void streamGenerateContentWhenServerFaultsSignalsRequestException(Fault fault) {
		wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withFault(fault)));
		Throwable error = errorOf(this.template.streamGenerateContent(HELLO));
		assertRequestException(error, uri(baseUrl(wireMock), "gemini-3.5-flash-lite", "streamGenerateContent?alt=sse"));
	}

	@Test
	void generateContentWhenConnectionRefusedSignalsRequestException() throws IOException {
		String refused = "http://127.0.0.1:" + freePort();
		try (GeminiTemplate unreachable = templateBuilder(refused).build()) {
			Throwable error = errorOf(unreachable.generateContent(HELLO));
			assertRequestException(error, uri(refused, "gemini-3.5-flash-lite", "generateContent"));
			assertThat(error).isExactlyInstanceOf(GeminiRequestException.class).hasMessageContaining("Connection refused");
		}
	}

	@Test
	void streamGenerateContentWhenConnectionRefusedSignalsRequestException() throws IOException {
		String refused = "http://127.0.0.1:" + freePort();
		try (GeminiTemplate unreachable = templateBuilder(refused).build()) {
			Throwable error = errorOf(unreachable.streamText("Hello"));
			assertRequestException(error, uri(refused, "gemini-3.5-flash-lite", "streamGenerateContent?alt=sse"));
			assertThat(error).isExactlyInstanceOf(GeminiRequestException.class).hasMessageContaining("Connection refused");
		}
	}

	private static void assertRequestException(Throwable error, URI uri) {
		assertThat(error).isInstanceOfSatisfying(GeminiRequestException.class, (ex) -> {
			assertThat(ex.getMethod().name()).isEqualTo("POST");
			assertThat(ex.getUri()).isEqualTo(uri);
			assertThat(ex).hasMessageContaining("POST " + uri);
		});
		assertKeyNotLeaked(error);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
