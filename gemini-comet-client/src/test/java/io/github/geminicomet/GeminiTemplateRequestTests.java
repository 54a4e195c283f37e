package io.github.geminicomet;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GenerationConfig;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.geminicomet.TemplateFixtures.API_KEY;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.fixture;
import static io.github.geminicomet.TemplateFixtures.sse;
import static io.github.geminicomet.TemplateFixtures.template;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link GeminiTemplate}: what goes on the wire (URL, headers, body) and what never does.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateRequestTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final GenerateContentRequest HELLO = GenerateContentRequest.of("Hello");

	@AutoClose
	private final GeminiTemplate template = template(wireMock);

	@BeforeEach
	void setUp() {
		wireMock.stubFor(any(urlPathMatching(".*:generateContent")).willReturn(okJson(fixture("unary/text.json"))));
		wireMock.stubFor(any(urlPathMatching(".*:streamGenerateContent"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse("text.sse"))));
	}

	@Test
	void generateContentPostsToModelUrlWithLiteralColon() {
		expectOneResponse(this.template.generateContent("gemini-3.5-flash-lite", HELLO));
		LoggedRequest request = onlyRequest();
		assertThat(request.getMethod().getName()).isEqualTo("POST");
		assertThat(request.getUrl()).isEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent")
			.doesNotContainIgnoringCase("%3A");
		assertThat(request.getHeader("Accept")).contains("application/json");
	}

	@Test
	void streamGenerateContentPostsToStreamUrlWithAltSse() {
		StepVerifier.create(this.template.streamGenerateContent("gemini-3.5-flash-lite", HELLO))
			.expectNextCount(3)
			.expectComplete()
			.verify(TIMEOUT);
		LoggedRequest request = onlyRequest();
		assertThat(request.getMethod().getName()).isEqualTo("POST");
		assertThat(request.getUrl()).isEqualTo("/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse")
			.doesNotContainIgnoringCase("%3A");
		assertThat(request.getHeader("Accept")).contains("text/event-stream");
	}

	@Test
	void requestSendsApiKeyInGoogHeaderByDefaultAndNeverInUrl() {
		expectOneResponse(this.template.generateContent(HELLO));
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("x-goog-api-key")).isEqualTo(API_KEY);
		assertThat(request.containsHeader("Authorization")).isFalse();
		assertThat(request.getAbsoluteUrl()).doesNotContain(API_KEY).doesNotContain("key=");
		assertThat(request.getBodyAsString()).doesNotContain(API_KEY);
	}

	@Test
	void requestWithBearerAuthSchemeSendsAuthorizationHeader() {
		try (GeminiTemplate bearer = templateBuilder(baseUrl(wireMock)).authScheme(AuthScheme.BEARER).build()) {
			StepVerifier.create(bearer.streamGenerateContent(HELLO)).expectNextCount(3).expectComplete().verify(TIMEOUT);
		}
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
		assertThat(request.containsHeader("x-goog-api-key")).isFalse();
		assertThat(request.getAbsoluteUrl()).doesNotContain(API_KEY);
	}

	@Test
	void requestBodyIsExactlyTheRequestJsonWithNullsOmitted() throws Exception {
		GenerateContentRequest request = GenerateContentRequest.builder()
			.systemInstruction("Answer in one sentence.")
			.addContent(Content.user("Why do otters hold hands?"))
			.generationConfig(GenerationConfig.builder().temperature(0.2).build())
			.build();
		expectOneResponse(this.template.generateContent("gemini-3.5-flash-lite", request));
		LoggedRequest logged = onlyRequest();
		assertThat(logged.getHeader("Content-Type")).startsWith("application/json");
		JSONAssert.assertEquals("""
				{
				  "contents": [{"role": "user", "parts": [{"text": "Why do otters hold hands?"}]}],
				  "systemInstruction": {"parts": [{"text": "Answer in one sentence."}]},
				  "generationConfig": {"temperature": 0.2}
				}""", logged.getBodyAsString(), JSONCompareMode.STRICT);
		assertThat(logged.getBodyAsString()).doesNotContain("null");
	}

	@Test
	void streamRequestBodyIsExactlyTheRequestJson() throws Exception {
		StepVerifier.create(this.template.streamGenerateContent(HELLO)).expectNextCount(3).expectComplete().verify(TIMEOUT);
		LoggedRequest logged = onlyRequest();
		assertThat(logged.getHeader("Content-Type")).startsWith("application/json");
		JSONAssert.assertEquals("{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Hello\"}]}]}",
				logged.getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void defaultModelOverloadsUseTheBuildersDefaultModel() {
		try (GeminiTemplate lite = templateBuilder(baseUrl(wireMock)).defaultModel("gemini-2.0-flash-lite").build()) {
			expectOneResponse(lite.generateContent(HELLO));
			StepVerifier.create(lite.streamGenerateContent(HELLO)).expectNextCount(3).expectComplete().verify(TIMEOUT);
			StepVerifier.create(lite.generateText("Hello")).expectNextCount(1).expectComplete().verify(TIMEOUT);
			StepVerifier.create(lite.streamText("Hello")).expectNextCount(3).expectComplete().verify(TIMEOUT);
			assertThat(lite.getDefaultModel()).isEqualTo("gemini-2.0-flash-lite");
		}
		assertThat(requestUrls()).containsExactlyInAnyOrder("/v1beta/models/gemini-2.0-flash-lite:generateContent",
				"/v1beta/models/gemini-2.0-flash-lite:streamGenerateContent?alt=sse",
				"/v1beta/models/gemini-2.0-flash-lite:generateContent",
				"/v1beta/models/gemini-2.0-flash-lite:streamGenerateContent?alt=sse");
	}

	@Test
	void defaultModelIsGemini25FlashWhenNoneIsSet() {
		expectOneResponse(this.template.generateContent(HELLO));
		assertThat(onlyRequest().getUrl()).isEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent");
	}

	@Test
	void defaultGenerationConfigIsMergedUnderRequestGenerationConfig() throws Exception {
		GenerationConfig defaults = GenerationConfig.builder().temperature(0.9).maxOutputTokens(256).topK(40).build();
		GenerateContentRequest request = GenerateContentRequest.builder()
			.addContent(Content.user("Hi"))
			.generationConfig(GenerationConfig.builder().temperature(0.1).seed(7).build())
			.build();
		try (GeminiTemplate configured = templateBuilder(baseUrl(wireMock)).defaultGenerationConfig(defaults).build()) {
			expectOneResponse(configured.generateContent(request));
		}
		JSONAssert.assertEquals("""
				{
				  "contents": [{"role": "user", "parts": [{"text": "Hi"}]}],
				  "generationConfig": {"temperature": 0.1, "seed": 7, "maxOutputTokens": 256, "topK": 40}
				}""", onlyRequest().getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void defaultGenerationConfigIsSentWhenRequestHasNone() throws Exception {
		GenerationConfig defaults = GenerationConfig.builder().maxOutputTokens(64).build();
		try (GeminiTemplate configured = templateBuilder(baseUrl(wireMock)).defaultGenerationConfig(defaults).build()) {
			StepVerifier.create(configured.streamGenerateContent(HELLO)).expectNextCount(3).expectComplete().verify(TIMEOUT);
		}
		JSONAssert.assertEquals("""
				{
				  "contents": [{"role": "user", "parts": [{"text": "Hello"}]}],
				  "generationConfig": {"maxOutputTokens": 64}
				}""", onlyRequest().getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void defaultHeadersAreSent() {
		try (GeminiTemplate withHeaders = templateBuilder(baseUrl(wireMock)).defaultHeader("X-Tenant", "blue")
			.defaultHeaders((headers) -> headers.add("X-Trace", "t-1"))
			.build()) {
			expectOneResponse(withHeaders.generateContent(HELLO));
		}
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("X-Tenant")).isEqualTo("blue");
		assertThat(request.getHeader("X-Trace")).isEqualTo("t-1");
		assertThat(request.getHeader("x-goog-api-key")).isEqualTo(API_KEY);
	}

	@Test
	void modelsPrefixOnModelNameIsAccepted() {
		expectOneResponse(this.template.generateContent("models/gemini-2.5-pro", HELLO));
		assertThat(onlyRequest().getUrl()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
	}

	@Test
	void modelsPrefixOnDefaultModelIsAccepted() {
		try (GeminiTemplate prefixed = templateBuilder(baseUrl(wireMock)).defaultModel("models/gemini-2.5-pro").build()) {
			assertThat(prefixed.getDefaultModel()).isEqualTo("gemini-2.5-pro");
			expectOneResponse(prefixed.generateContent(HELLO));
		}
		assertThat(onlyRequest().getUrl()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "///", "/gemini/", "/gemini", "/gemini//" })
	void baseUrlWithTrailingSlashOrPathPrefixWorks(String suffix) {
		try (GeminiTemplate prefixed = templateBuilder(baseUrl(wireMock) + suffix).build()) {
			expectOneResponse(prefixed.generateContent(HELLO));
		}
		String prefix = suffix.replace("/", "").isEmpty() ? "" : "/gemini";
		assertThat(onlyRequest().getUrl()).isEqualTo(prefix + "/v1beta/models/gemini-3.5-flash-lite:generateContent");
	}

	@Test
	void apiVersionIsUsedInTheUrl() {
		try (GeminiTemplate v1 = templateBuilder(baseUrl(wireMock)).apiVersion("v1").build()) {
			expectOneResponse(v1.generateContent(HELLO));
		}
		assertThat(onlyRequest().getUrl()).isEqualTo("/v1/models/gemini-3.5-flash-lite:generateContent");
	}

	@Test
	void mutatedTemplateKeepsTheKeyAndUsesItsOwnDefaultModel() {
		GeminiTemplate pro = this.template.mutate().defaultModel("gemini-2.5-pro").build();
		expectOneResponse(pro.generateContent(HELLO));
		LoggedRequest request = onlyRequest();
		assertThat(request.getUrl()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
		assertThat(request.getHeader("x-goog-api-key")).isEqualTo(API_KEY);
	}

	@Test
	void nothingIsSentUntilSubscription() {
		this.template.generateContent(HELLO);
		this.template.streamGenerateContent(HELLO);
		this.template.generateText("Hello");
		this.template.streamText("Hello");
		assertThat(wireMock.getAllServeEvents()).isEmpty();
	}

	@Test
	void eachSubscriptionSendsItsOwnRequest() {
		Mono<GenerateContentResponse> response = this.template.generateContent(HELLO);
		expectOneResponse(response);
		expectOneResponse(response);
		assertThat(wireMock.getAllServeEvents()).hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "gemini 2.5", "gemini-3.5-flash-lite ", "a/b", "models/", "models/a/b", "..",
			"models/..", "../v1/files", "gemini-3.5-flash-lite/../../admin", "gemini?alt=json", "gemini#frag",
			"gemini%3AgenerateContent", "gemini-3.5-flash-lite:generateContent", "gemini\nflash", "-gemini", ".hidden" })
	void invalidModelNameIsRejectedBeforeAnyRequest(String model) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.generateContent(model, HELLO))
			.withMessageContaining("model name");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.streamGenerateContent(model, HELLO))
			.withMessageContaining("model name");
		assertThatIllegalArgumentException().isThrownBy(() -> templateBuilder(baseUrl(wireMock)).defaultModel(model));
		assertThat(wireMock.getAllServeEvents()).isEmpty();
	}

	@Test
	void nullModelNameIsRejectedBeforeAnyRequest() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.generateContent(null, HELLO));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.streamGenerateContent(null, HELLO));
		assertThat(wireMock.getAllServeEvents()).isEmpty();
	}

	private static void expectOneResponse(Publisher<?> publisher) {
		StepVerifier.create(publisher).expectNextCount(1).expectComplete().verify(TIMEOUT);
	}

	private static LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = wireMock.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static List<String> requestUrls() {
		return wireMock.getAllServeEvents().stream().map((event) -> event.getRequest().getUrl()).toList();
	}

}
