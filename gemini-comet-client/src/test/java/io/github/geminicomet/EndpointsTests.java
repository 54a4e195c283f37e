package io.github.geminicomet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.test.StepVerifier;

import org.springframework.http.HttpMethod;

import io.github.geminicomet.model.BatchEmbedContentsRequest;
import io.github.geminicomet.model.BatchEmbedContentsResponse;
import io.github.geminicomet.model.CachedContent;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.ContentEmbedding;
import io.github.geminicomet.model.CountTokensResponse;
import io.github.geminicomet.model.EmbedContentRequest;
import io.github.geminicomet.model.EmbedContentResponse;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.Modality;
import io.github.geminicomet.model.Model;
import io.github.geminicomet.model.TaskType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.assertKeyNotLeaked;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.errorOf;
import static io.github.geminicomet.TemplateFixtures.fixture;
import static io.github.geminicomet.TemplateFixtures.template;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the endpoints besides generateContent: countTokens, models, embeddings and cached content,
 * with the same error handling and retries as every call.
 */
@ExtendWith(BlockHoundExtension.class)
class EndpointsTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final String CACHE = """
			{"name":"cachedContents/abc-123","model":"models/gemini-3.5-flash-lite","displayName":"manual",
			 "createTime":"2026-01-12T10:00:00Z","updateTime":"2026-01-12T10:00:00Z",
			 "expireTime":"2026-01-12T11:00:00Z","usageMetadata":{"totalTokenCount":41000}}""";

	@AutoClose
	private final GeminiTemplate template = template(wireMock);

	@Test
	void countTokensPostsTheWholeRequestWithItsModel() throws Exception {
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:countTokens")).willReturn(okJson("""
				{"totalTokens":31,"cachedContentTokenCount":0,
				 "promptTokensDetails":[{"modality":"TEXT","tokenCount":31}]}""")));
		GenerateContentRequest request = GenerateContentRequest.builder()
			.systemInstruction("Be brief.")
			.addContent(Content.user("How many tokens is this?"))
			.cachedContent("cachedContents/abc-123")
			.build();
		StepVerifier.create(this.template.countTokens("models/gemini-3.5-flash-lite", request))
			.assertNext((count) -> {
				assertThat(count.totalTokens()).isEqualTo(31);
				assertThat(count.promptTokensDetails()).singleElement()
					.satisfies((detail) -> assertThat(detail.modality()).isEqualTo(Modality.TEXT));
			})
			.expectComplete()
			.verify(TIMEOUT);
		LoggedRequest sent = onlyRequest();
		assertThat(sent.getMethod().getName()).isEqualTo("POST");
		JSONAssert.assertEquals("""
				{"generateContentRequest":{
				  "contents":[{"role":"user","parts":[{"text":"How many tokens is this?"}]}],
				  "systemInstruction":{"parts":[{"text":"Be brief."}]},
				  "cachedContent":"cachedContents/abc-123",
				  "model":"models/gemini-3.5-flash-lite"}}""", sent.getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void countTokensWithoutModelUsesTheDefaultModel() {
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:countTokens"))
			.willReturn(okJson("{\"totalTokens\":3}")));
		CountTokensResponse count = this.template.countTokens(GenerateContentRequest.of("Hi")).block(TIMEOUT);
		assertThat(count.totalTokens()).isEqualTo(3);
	}

	@Test
	void countTokensErrorIsAGeminiResponseExceptionWithMethodAndUri() {
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-9-turbo:countTokens"))
			.willReturn(aResponse().withStatus(404).withBody(fixture("errors/404-not-found.json"))));
		Throwable error = errorOf(this.template.countTokens("gemini-9-turbo", GenerateContentRequest.of("Hi")));
		assertThat(error).isInstanceOfSatisfying(GeminiResponseException.class, (response) -> {
			assertThat(response.getStatusCode().value()).isEqualTo(404);
			assertThat(response.getError().status()).isEqualTo("NOT_FOUND");
			assertThat(response.getMethod()).isEqualTo(HttpMethod.POST);
			assertThat(response.getUri()).hasToString(baseUrl(wireMock) + "/v1beta/models/gemini-9-turbo:countTokens");
		});
		assertKeyNotLeaked(error);
	}

	@Test
	void listModelsFollowsEveryPage() {
		wireMock.stubFor(get(urlEqualTo("/v1beta/models?pageSize=1000")).willReturn(okJson("""
				{"models":[{"name":"models/gemini-3.5-flash-lite","inputTokenLimit":1048576,
				  "supportedGenerationMethods":["generateContent","countTokens"],"thinking":true},
				 {"name":"models/gemini-2.5-pro"}],
				 "nextPageToken":"page/2+=="}""")));
		wireMock.stubFor(get(urlEqualTo("/v1beta/models?pageSize=1000&pageToken=page%2F2%2B%3D%3D"))
			.willReturn(okJson("""
					{"models":[{"name":"models/gemini-embedding-001"}]}""")));
		StepVerifier.create(this.template.listModels().map(Model::name))
			.expectNext("models/gemini-3.5-flash-lite", "models/gemini-2.5-pro", "models/gemini-embedding-001")
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(requests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.getMethod().getName()).isEqualTo("GET");
			assertThat(request.getHeader("Accept")).contains("application/json");
		});
		Model first = this.template.listModels().blockFirst(TIMEOUT);
		assertThat(first.supportedGenerationMethods()).containsExactly("generateContent", "countTokens");
		assertThat(first.thinking()).isTrue();
	}

	@Test
	void listModelsIsLazy() {
		this.template.listModels();
		assertThat(requests()).isEmpty();
	}

	@Test
	void embedContentPostsTheModelAndContent() throws Exception {
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-embedding-001:embedContent")).willReturn(okJson("""
				{"embedding":{"values":[0.25,-0.5,0.125]}}""")));
		EmbedContentRequest request = EmbedContentRequest.of("Zürich is in Switzerland.")
			.withTaskType(TaskType.RETRIEVAL_DOCUMENT)
			.withTitle("Geography")
			.withOutputDimensionality(3);
		EmbedContentResponse response = this.template.embedContent("gemini-embedding-001", request).block(TIMEOUT);
		assertThat(response.embedding().values()).containsExactly(0.25, -0.5, 0.125);
		JSONAssert.assertEquals("""
				{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"Zürich is in Switzerland."}]},
				 "taskType":"RETRIEVAL_DOCUMENT","title":"Geography","outputDimensionality":3}""",
				onlyRequest().getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void batchEmbedContentsNamesTheModelInEveryRequest() throws Exception {
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents")).willReturn(okJson("""
				{"embeddings":[{"values":[1.0,0.0]},{"values":[0.0,1.0]}]}""")));
		BatchEmbedContentsRequest request = new BatchEmbedContentsRequest(
				List.of(EmbedContentRequest.of("first"), EmbedContentRequest.of("second")));
		BatchEmbedContentsResponse response = this.template.batchEmbedContents("gemini-embedding-001", request)
			.block(TIMEOUT);
		assertThat(response.embeddings()).extracting(ContentEmbedding::values)
			.containsExactly(List.of(1.0, 0.0), List.of(0.0, 1.0));
		JSONAssert.assertEquals("""
				{"requests":[
				  {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"first"}]}},
				  {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"second"}]}}]}""",
				onlyRequest().getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void embeddingsAreRetriedLikeEveryCall() {
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-embedding-001:embedContent"))
			.inScenario("retry").whenScenarioStateIs("Started").willSetStateTo("failed once")
			.willReturn(aResponse().withStatus(503).withBody(fixture("errors/503-unavailable.json"))));
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-embedding-001:embedContent"))
			.inScenario("retry").whenScenarioStateIs("failed once")
			.willReturn(okJson("{\"embedding\":{\"values\":[1.0]}}")));
		try (GeminiTemplate retrying = templateBuilder(baseUrl(wireMock))
			.retry(new RetrySettings(2, Duration.ofMillis(10), Duration.ofMillis(10), 0, Duration.ofSeconds(1)))
			.build()) {
			StepVerifier.create(retrying.embedContent("gemini-embedding-001", EmbedContentRequest.of("x")))
				.assertNext((response) -> assertThat(response.embedding().values()).containsExactly(1.0))
				.expectComplete()
				.verify(TIMEOUT);
		}
		assertThat(requests()).hasSize(2);
	}

	@Test
	void cachedContentIsCreatedWithModelContentsAndTtl() throws Exception {
		wireMock.stubFor(post(urlEqualTo("/v1beta/cachedContents")).willReturn(okJson(CACHE)));
		CachedContent cache = CachedContent.builder()
			.model("gemini-3.5-flash-lite")
			.displayName("manual")
			.systemInstruction("You answer questions about the manual.")
			.addContent(Content.user("<the manual>"))
			.ttl(Duration.ofHours(1))
			.build();
		CachedContent created = this.template.cachedContents().create(cache).block(TIMEOUT);
		assertThat(created.name()).isEqualTo("cachedContents/abc-123");
		assertThat(created.usageMetadata().totalTokenCount()).isEqualTo(41000);
		assertThat(created.expireTime()).isEqualTo("2026-01-12T11:00:00Z");
		JSONAssert.assertEquals("""
				{"model":"models/gemini-3.5-flash-lite","displayName":"manual",
				 "contents":[{"role":"user","parts":[{"text":"<the manual>"}]}],
				 "systemInstruction":{"parts":[{"text":"You answer questions about the manual."}]},
				 "ttl":"3600s"}""", onlyRequest().getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void cachedContentIsReadListedUpdatedAndDeleted() throws Exception {
		wireMock.stubFor(get(urlEqualTo("/v1beta/cachedContents/abc-123")).willReturn(okJson(CACHE)));
		wireMock.stubFor(get(urlEqualTo("/v1beta/cachedContents?pageSize=1000")).willReturn(okJson("""
				{"cachedContents":[%s],"nextPageToken":"next"}""".formatted(CACHE))));
		wireMock.stubFor(get(urlEqualTo("/v1beta/cachedContents?pageSize=1000&pageToken=next"))
			.willReturn(okJson("{}")));
		wireMock.stubFor(patch(urlEqualTo("/v1beta/cachedContents/abc-123?updateMask=ttl")).willReturn(okJson(CACHE)));
		wireMock.stubFor(patch(urlEqualTo("/v1beta/cachedContents/abc-123?updateMask=expireTime"))
			.willReturn(okJson(CACHE)));
		wireMock.stubFor(delete(urlEqualTo("/v1beta/cachedContents/abc-123")).willReturn(okJson("{}")));
		CachedContentOperations caches = this.template.cachedContents();

		assertThat(caches.get("cachedContents/abc-123").block(TIMEOUT).displayName()).isEqualTo("manual");
		assertThat(caches.get("abc-123").block(TIMEOUT).name()).isEqualTo("cachedContents/abc-123");
		StepVerifier.create(caches.list().map(CachedContent::name))
			.expectNext("cachedContents/abc-123")
			.expectComplete()
			.verify(TIMEOUT);
		caches.updateTtl("cachedContents/abc-123", Duration.ofMinutes(90)).block(TIMEOUT);
		caches.updateExpireTime("abc-123", Instant.parse("2026-01-13T00:00:00Z")).block(TIMEOUT);
		StepVerifier.create(caches.delete("cachedContents/abc-123")).expectComplete().verify(TIMEOUT);

		List<LoggedRequest> requests = requests();
		assertThat(requests).extracting((request) -> request.getMethod().getName() + " " + request.getUrl())
			.containsExactly("GET /v1beta/cachedContents/abc-123", "GET /v1beta/cachedContents/abc-123",
					"GET /v1beta/cachedContents?pageSize=1000", "GET /v1beta/cachedContents?pageSize=1000&pageToken=next",
					"PATCH /v1beta/cachedContents/abc-123?updateMask=ttl",
					"PATCH /v1beta/cachedContents/abc-123?updateMask=expireTime", "DELETE /v1beta/cachedContents/abc-123");
		JSONAssert.assertEquals("{\"ttl\":\"5400s\"}", requests.get(4).getBodyAsString(), JSONCompareMode.STRICT);
		JSONAssert.assertEquals("{\"expireTime\":\"2026-01-13T00:00:00Z\"}", requests.get(5).getBodyAsString(),
				JSONCompareMode.STRICT);
		assertThat(requests.get(0).getBodyAsString()).isEmpty();
		assertThat(requests.get(6).getBodyAsString()).isEmpty();
	}

	@Test
	void cachedContentErrorsNameTheirMethod() {
		wireMock.stubFor(get(urlEqualTo("/v1beta/cachedContents/gone"))
			.willReturn(aResponse().withStatus(404).withBody(fixture("errors/404-not-found.json"))));
		Throwable error = errorOf(this.template.cachedContents().get("gone"));
		assertThat(error).isInstanceOfSatisfying(GeminiResponseException.class, (response) -> {
			assertThat(response.getMethod()).isEqualTo(HttpMethod.GET);
			assertThat(response.getMessage()).contains("[GET " + baseUrl(wireMock) + "/v1beta/cachedContents/gone]");
		});
	}

	@Test
	void cachedContentReferenceIsSentWithGenerateContent() throws Exception {
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent"))
			.willReturn(okJson(fixture("unary/text.json"))));
		this.template.generateContent("gemini-3.5-flash-lite", GenerateContentRequest.builder()
			.cachedContent("cachedContents/abc-123")
			.addContent(Content.user("Summarize chapter 3"))
			.build()).block(TIMEOUT);
		JSONAssert.assertEquals("""
				{"contents":[{"role":"user","parts":[{"text":"Summarize chapter 3"}]}],
				 "cachedContent":"cachedContents/abc-123"}""", onlyRequest().getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void invalidNamesAreRejectedBeforeSending() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.cachedContents().get("../models"))
			.withMessageContaining("Invalid cached content name '../models'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.countTokens("gemini 2.5", GenerateContentRequest.of("Hi")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.cachedContents().create(CachedContent.builder().displayName("x").build()))
			.withMessageContaining("Cached content needs a model");
		assertThat(requests()).isEmpty();
	}

	private static List<LoggedRequest> requests() {
		return wireMock.findAll(anyRequestedFor(anyUrl()));
	}

	private static LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = requests();
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
