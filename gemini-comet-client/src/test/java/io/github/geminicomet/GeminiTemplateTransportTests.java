package io.github.geminicomet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.geminicomet.GeminiTemplate.Transport;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.TemplateFixtures.API_KEY;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.errorOf;
import static io.github.geminicomet.TemplateFixtures.fixture;
import static io.github.geminicomet.TemplateFixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@link Transport transports} of {@link GeminiTemplate}: straight to Reactor Netty by
 * default, through {@link WebClient} on request or with a given connector, with the same request on the
 * wire either way.
 *
 * @author gemini-comet
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateTransportTests {

	private static final String UNARY_PATH = "/v1beta/models/gemini-3.5-flash-lite:generateContent";

	private static final String STREAM_PATH = "/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse";

	private static final String COUNT_PATH = "/v1beta/models/gemini-3.5-flash-lite:countTokens";

	@RegisterExtension
	static WireMockExtension wireMock = TemplateFixtures.wireMock();

	private final List<String> filtered = new CopyOnWriteArrayList<>();

	private final WebClient.Builder recordingWebClient = WebClient.builder().filter((request, next) -> {
		this.filtered.add(request.method() + " " + request.url().getRawPath());
		return next.exchange(request);
	});

	private void stubAll() {
		wireMock.stubFor(post(urlEqualTo(UNARY_PATH)).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody(fixture("unary/text.json"))));
		wireMock.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(aResponse()
			.withHeader("Content-Type", "text/event-stream")
			.withBody(sse("text.sse"))));
		wireMock.stubFor(post(urlEqualTo(COUNT_PATH))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"totalTokens\":7}")));
	}

	private GeminiTemplate.Builder builder(Transport transport) {
		return GeminiTemplate.builder()
			.apiKey(API_KEY)
			.baseUrl(baseUrl(wireMock))
			.retry(RetrySettings.NONE)
			.webClientBuilder(this.recordingWebClient)
			.defaultHeader("X-Tenant", "acme")
			.transport(transport);
	}

	private static void callEachKind(GeminiTemplate template) {
		GenerateContentRequest request = GenerateContentRequest.of("Name a dog");
		assertThat(template.generateContent(request).map(GenerateContentResponse::text).block(TIMEOUT)).isNotBlank();
		assertThat(template.streamGenerateContent(request).collectList().block(TIMEOUT)).isNotEmpty();
		assertThat(template.countTokens(request).block(TIMEOUT).totalTokens()).isEqualTo(7);
	}

	@Test
	void defaultTransportGoesStraightToReactorNetty() {
		stubAll();
		try (GeminiTemplate template = GeminiTemplate.builder()
			.apiKey(API_KEY)
			.baseUrl(baseUrl(wireMock))
			.webClientBuilder(this.recordingWebClient)
			.build()) {
			callEachKind(template);
		}
		assertThat(this.filtered).isEmpty();
		assertThat(wireMock.getAllServeEvents()).hasSize(3);
	}

	@Test
	void webClientTransportPassesEveryCallThroughTheWebClientFilters() {
		stubAll();
		try (GeminiTemplate template = builder(Transport.WEB_CLIENT).build()) {
			callEachKind(template);
		}
		assertThat(this.filtered).containsExactly("POST /v1beta/models/gemini-3.5-flash-lite:generateContent",
				"POST /v1beta/models/gemini-3.5-flash-lite:streamGenerateContent",
				"POST /v1beta/models/gemini-3.5-flash-lite:countTokens");
	}

	@Test
	void givenConnectorAlwaysGoesThroughWebClient() {
		stubAll();
		try (GeminiTemplate template = builder(Transport.REACTOR_NETTY)
			.connector(new ReactorClientHttpConnector())
			.build()) {
			callEachKind(template);
		}
		assertThat(this.filtered).hasSize(3);
		wireMock.verify(3, anyRequestedFor(anyUrl()).withHeader("x-goog-api-key", equalTo(API_KEY)));
	}

	@Test
	void variantsMadeByMutateKeepTheDirectTransportAndThePool() {
		stubAll();
		try (GeminiTemplate template = builder(Transport.REACTOR_NETTY).build();
				GeminiTemplate variant = template.mutate().defaultHeader("X-Variant", "1").build()) {
			callEachKind(variant);
		}
		assertThat(this.filtered).isEmpty();
		wireMock.verify(3, anyRequestedFor(anyUrl()).withHeader("X-Tenant", equalTo("acme"))
			.withHeader("X-Variant", equalTo("1")));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void bothTransportsPutTheSameRequestOnTheWire(Transport transport) {
		stubAll();
		try (GeminiTemplate template = builder(transport).build()) {
			callEachKind(template);
		}
		List<LoggedRequest> requests = wireMock.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(3).allSatisfy((request) -> {
			assertThat(request.getMethod().getName()).isEqualTo("POST");
			assertThat(request.getHeader("x-goog-api-key")).isEqualTo(API_KEY);
			assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
			assertThat(request.getHeader("X-Tenant")).isEqualTo("acme");
			assertThat(request.containsHeader("Authorization")).isFalse();
			assertThat(request.getHeader("Content-Length")).isEqualTo(String.valueOf(request.getBody().length));
			assertThat(request.containsHeader("Transfer-Encoding")).isFalse();
		});
		assertThat(requests).extracting(LoggedRequest::getBodyAsString)
			.containsExactlyInAnyOrder("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Name a dog\"}]}]}",
					"{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Name a dog\"}]}]}",
					"{\"generateContentRequest\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Name a dog\"}]}],"
							+ "\"model\":\"models/gemini-3.5-flash-lite\"}}");
		assertThat(requests).extracting((request) -> request.getHeader("Accept"))
			.containsExactlyInAnyOrder("application/json", "text/event-stream", "application/json");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void bothTransportsMapErrorsAlike(Transport transport) {
		wireMock.stubFor(post(urlEqualTo(UNARY_PATH)).willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("Retry-After", "7")
			.withBody("{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}")));
		wireMock.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "text/event-stream")
			.withBody("data: {\"error\":{\"code\":503,\"message\":\"Overloaded\",\"status\":\"UNAVAILABLE\"}}\r\n\r\n")));
		try (GeminiTemplate template = builder(transport).build()) {
			GenerateContentRequest request = GenerateContentRequest.of("Name a dog");
			Throwable unary = errorOf(template.generateContent(request));
			assertThat(unary).isInstanceOfSatisfying(GeminiRateLimitException.class, (ex) -> {
				assertThat(ex.getRetryDelay()).contains(Duration.ofSeconds(7));
				assertThat(ex.getMessage()).contains("Quota exceeded");
			});
			Throwable stream = errorOf(template.streamGenerateContent(request));
			assertThat(stream).isInstanceOf(GeminiUnavailableException.class).hasMessageContaining("Overloaded");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void bothTransportsHoldUnaryBodiesToTheInMemoryLimit(Transport transport) {
		stubAll();
		try (GeminiTemplate template = builder(transport).maxInMemorySize(64).build()) {
			Throwable error = errorOf(template.generateContent(GenerateContentRequest.of("Name a dog")));
			assertThat(error).isInstanceOf(GeminiMalformedResponseException.class)
				.hasMessageContaining("cometapi.gemini.max-in-memory-size");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void bothTransportsReportARefusedConnectionAsAConnectionFailure(Transport transport) throws Exception {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		try (GeminiTemplate template = builder(transport).baseUrl("http://127.0.0.1:" + port).build()) {
			Throwable error = errorOf(template.generateContent(GenerateContentRequest.of("Name a dog")));
			assertThat(error).isInstanceOfSatisfying(GeminiRequestException.class,
					(ex) -> assertThat(ex.isConnectionFailure()).isTrue());
			Throwable streamError = errorOf(template.streamGenerateContent(GenerateContentRequest.of("Name a dog")));
			assertThat(streamError).isInstanceOfSatisfying(GeminiRequestException.class,
					(ex) -> assertThat(ex.isConnectionFailure()).isTrue());
		}
	}

}
