package io.github.geminicomet;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.geminicomet.model.GeminiError;
import io.github.geminicomet.model.GenerateContentRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.TemplateFixtures.API_KEY;
import static io.github.geminicomet.TemplateFixtures.asEvent;
import static io.github.geminicomet.TemplateFixtures.assertKeyNotLeaked;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.errorOf;
import static io.github.geminicomet.TemplateFixtures.fixture;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static io.github.geminicomet.TemplateFixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link GeminiTemplate}: error answers become typed {@link GeminiResponseException}s, on the
 * unary and on the streaming endpoint.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateErrorTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final String GENERATE_URL = "/v1beta/models/gemini-3.5-flash-lite:generateContent";

	private static final String STREAM_URL = "/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse";

	private static final GenerateContentRequest HELLO = GenerateContentRequest.of("Hello");

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private GeminiTemplate template;

	@BeforeEach
	void setUp() {
		this.template = templateBuilder(baseUrl(wireMock)).build();
	}

	@AfterEach
	void tearDown() {
		this.template.close();
	}

	static Stream<Arguments> errors() {
		return Stream.of(arguments(400, "400-invalid-argument.json", GeminiResponseException.class),
				arguments(401, "401-unauthenticated.json", GeminiAuthenticationException.class),
				arguments(403, "403-permission-denied.json", GeminiAuthenticationException.class),
				arguments(404, "404-not-found.json", GeminiResponseException.class),
				arguments(429, "429-resource-exhausted.json", GeminiRateLimitException.class),
				arguments(500, "500-internal.json", GeminiUnavailableException.class),
				arguments(503, "503-unavailable.json", GeminiUnavailableException.class));
	}

	/** Every error body, sent on the streaming endpoint as JSON, as raw event-stream, and framed as an event. */
	static Stream<Arguments> streamErrors() {
		return errors().flatMap((args) -> Stream.of("application/json", "text/event-stream", "framed")
			.map((framing) -> arguments(args.get()[0], args.get()[1], args.get()[2], framing)));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("errors")
	void generateContentWhenServerAnswersErrorSignalsTypedResponseException(int status, String fixture,
			Class<? extends GeminiResponseException> type) {
		String body = fixture("errors/" + fixture);
		stub(GENERATE_URL, aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body));
		Throwable error = errorOf(this.template.generateContent(HELLO));
		assertResponseException(error, status, body, type, "generateContent");
	}

	@ParameterizedTest(name = "{0} {1} {3}")
	@MethodSource("streamErrors")
	void streamGenerateContentWhenServerAnswersErrorSignalsTypedResponseException(int status, String fixture,
			Class<? extends GeminiResponseException> type, String framing) {
		String body = fixture("errors/" + fixture);
		String contentType = framing.equals("application/json") ? framing : "text/event-stream";
		String sent = framing.equals("framed") ? asEvent(body) : body;
		stub(STREAM_URL, aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(sent));
		Throwable error = errorOf(this.template.streamGenerateContent(HELLO));
		assertResponseException(error, status, body, type, "streamGenerateContent?alt=sse");
		assertThat(((GeminiResponseException) error).getResponseBody()).isEqualTo(sent);
	}

	@Test
	void generateContentWhenRateLimitedReadsRetryDelayFromRetryInfo() {
		stub(GENERATE_URL, aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withBody(fixture("errors/429-resource-exhausted.json")));
		assertThat(errorOf(this.template.generateContent(HELLO)))
			.isInstanceOfSatisfying(GeminiRateLimitException.class, (ex) -> {
				assertThat(ex.getRetryDelay()).contains(Duration.ofMillis(34_400));
				assertThat(ex.getError().details()).extracting((detail) -> detail.get("@type"))
					.containsExactly("type.googleapis.com/google.rpc.QuotaFailure",
							"type.googleapis.com/google.rpc.RetryInfo");
			});
	}

	@Test
	void retryInfoInTheBodyWinsOverRetryAfterHeader() {
		stub(GENERATE_URL, aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("Retry-After", "5")
			.withBody(fixture("errors/429-resource-exhausted.json")));
		assertThat(errorOf(this.template.generateContent(HELLO))).isInstanceOfSatisfying(
				GeminiRateLimitException.class,
				(ex) -> assertThat(ex.getRetryDelay()).contains(Duration.ofMillis(34_400)));
	}

	@Test
	void generateContentWhenUnavailableReadsRetryDelayFromRetryAfterSeconds() {
		stub(GENERATE_URL, aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json")
			.withHeader("Retry-After", "7")
			.withBody(fixture("errors/503-unavailable.json")));
		assertThat(errorOf(this.template.generateContent(HELLO))).isInstanceOfSatisfying(
				GeminiUnavailableException.class, (ex) -> assertThat(ex.getRetryDelay()).contains(Duration.ofSeconds(7)));
	}

	@Test
	void streamGenerateContentWhenRateLimitedReadsRetryDelayFromRetryAfterHttpDate() {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(120));
		stub(STREAM_URL, aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("Retry-After", date)
			.withBody("{\"error\": {\"code\": 429, \"message\": \"Slow down.\", \"status\": \"RESOURCE_EXHAUSTED\"}}"));
		assertThat(errorOf(this.template.streamGenerateContent(HELLO)))
			.isInstanceOfSatisfying(GeminiRateLimitException.class, (ex) -> assertThat(ex.getRetryDelay())
				.hasValueSatisfying((delay) -> assertThat(delay).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121))));
	}

	@Test
	void errorWithoutRetryInfoOrRetryAfterHasNoRetryDelay() {
		stub(GENERATE_URL, aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody(fixture("errors/500-internal.json")));
		assertThat(errorOf(this.template.generateContent(HELLO))).isInstanceOfSatisfying(
				GeminiResponseException.class, (ex) -> assertThat(ex.getRetryDelay()).isEmpty());
	}

	@Test
	void generateContentWhenProxyAnswersHtmlSignalsResponseExceptionWithRawBody() {
		String html = fixture("errors/502-proxy.html");
		stub(GENERATE_URL, aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(html));
		Throwable error = errorOf(this.template.generateContent(HELLO));
		assertProxyError(error, html, "generateContent");
	}

	@Test
	void streamGenerateContentWhenProxyAnswersHtmlSignalsResponseExceptionWithRawBody() {
		String html = fixture("errors/502-proxy.html");
		stub(STREAM_URL, aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(html));
		Throwable error = errorOf(this.template.streamGenerateContent(HELLO));
		assertProxyError(error, html, "streamGenerateContent?alt=sse");
	}

	@Test
	void errorWithEmptyBodySignalsResponseExceptionWithStatus() {
		stub(GENERATE_URL, aResponse().withStatus(404));
		assertThat(errorOf(this.template.generateContent(HELLO)))
			.isInstanceOfSatisfying(GeminiResponseException.class, (ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(404);
				assertThat(ex.getError()).isNull();
				assertThat(ex.getResponseBody()).isEmpty();
				assertThat(ex).hasMessageContaining("404");
			});
	}

	@Test
	void errorBodyWrappedInArrayIsDecoded() {
		String body = "[" + fixture("errors/404-not-found.json") + "]";
		stub(STREAM_URL, aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody(body));
		assertThat(errorOf(this.template.streamGenerateContent(HELLO)))
			.isInstanceOfSatisfying(GeminiResponseException.class,
					(ex) -> assertThat(ex.getError().status()).isEqualTo("NOT_FOUND"));
	}

	@Test
	void authenticationErrorFromGenerateTextNeverCarriesTheKey() {
		stub(GENERATE_URL, aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody(fixture("errors/401-unauthenticated.json")));
		Throwable error = errorOf(this.template.generateText("Hello"));
		assertThat(error).isInstanceOf(GeminiAuthenticationException.class);
		assertKeyNotLeaked(error);
		assertThat(this.template.toString()).doesNotContain(API_KEY);
	}

	private void assertResponseException(Throwable error, int status, String body,
			Class<? extends GeminiResponseException> type, String operator) {
		JsonNode expected = mapper.readTree(body).get("error");
		assertThat(error).isExactlyInstanceOf(type);
		GeminiResponseException ex = (GeminiResponseException) error;
		assertThat(ex.getStatusCode().value()).isEqualTo(status);
		assertThat(ex.getMethod().name()).isEqualTo("POST");
		assertThat(ex.getUri()).isEqualTo(uri(baseUrl(wireMock), "gemini-3.5-flash-lite", operator));
		GeminiError decoded = ex.getError();
		assertThat(decoded).isNotNull();
		assertThat(decoded.code()).isEqualTo(status);
		assertThat(decoded.status()).isEqualTo(expected.get("status").asString());
		assertThat(decoded.message()).isEqualTo(expected.get("message").asString());
		if (expected.has("details")) {
			assertThat(decoded.details()).hasSize(expected.get("details").size());
			Map<String, Object> first = decoded.details().get(0);
			assertThat(first.get("@type")).isEqualTo(expected.get("details").get(0).get("@type").asString());
		}
		else {
			assertThat(decoded.details()).isNull();
		}
		assertThat(ex).hasMessageContaining(String.valueOf(status))
			.hasMessageContaining(decoded.status())
			.hasMessageContaining(decoded.message())
			.hasMessageContaining("POST " + ex.getUri());
		assertKeyNotLeaked(ex);
	}

	private void assertProxyError(Throwable error, String html, String operator) {
		assertThat(error).isInstanceOfSatisfying(GeminiResponseException.class, (ex) -> {
			assertThat(ex.getStatusCode().value()).isEqualTo(502);
			assertThat(ex.getError()).isNull();
			assertThat(ex.getResponseBody()).isEqualTo(html);
			assertThat(ex.getRetryDelay()).isEmpty();
			assertThat(ex).hasMessageContaining("502")
				.hasMessageContaining("502 Bad Gateway")
				.hasMessageContaining("POST " + uri(baseUrl(wireMock), "gemini-3.5-flash-lite", operator));
			assertKeyNotLeaked(ex);
		});
	}

	private static void stub(String url, ResponseDefinitionBuilder response) {
		wireMock.stubFor(post(urlEqualTo(url)).willReturn(response));
	}

}
