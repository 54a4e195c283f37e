package io.github.geminicomet.observation;

import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.GeminiUnavailableException;
import io.github.geminicomet.model.EmbedContentRequest;
import io.github.geminicomet.model.GenerateContentRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.observation.ObservationFixtures.TIMEOUT;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the observations {@link GeminiTemplate} makes with the {@link DefaultGeminiObservationConvention}.
 */
class GeminiObservationTests {

	@RegisterExtension
	static final WireMockExtension wireMock = ObservationFixtures.wireMock();

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private GeminiTemplate template;

	@BeforeEach
	void setUp() {
		ObservationFixtures.stubGateway(wireMock);
		this.template = ObservationFixtures.template(wireMock, this.registry);
	}

	@AfterEach
	void closeTemplate() {
		this.template.close();
	}

	@Test
	void unaryCallIsObservedWithGenAiKeys() {
		StepVerifier.create(this.template.generateText("Name a dog")).expectNext("Rex").verifyComplete();
		awaitStopped();
		assertThat(this.registry).hasNumberOfObservationsEqualTo(1)
			.hasSingleObservationThat()
			.hasNameEqualTo("gen_ai.client.operation")
			.hasContextualNameEqualTo("generate_content gemini-3.5-flash-lite")
			.hasBeenStarted()
			.hasBeenStopped()
			.doesNotHaveError()
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "generate_content")
			.hasLowCardinalityKeyValue("gen_ai.provider.name", "gcp.gemini")
			.hasLowCardinalityKeyValue("gen_ai.request.model", "gemini-3.5-flash-lite")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "gemini-2.5-flash-001")
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("gemini.streaming", "false")
			.hasLowCardinalityKeyValue("server.address", "127.0.0.1")
			.hasHighCardinalityKeyValue("gen_ai.response.id", "unary-1")
			.hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "STOP")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "5")
			.hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "1");
		GeminiObservationContext context = singleContext();
		assertThat(context.getTimeToFirstChunk()).isNull();
		assertThat(context.getChunkCount()).isZero();
	}

	@Test
	void streamIsObservedOnceWithItsFinalUsage() {
		StepVerifier.create(this.template.streamText("Say hello")).expectNext("Hel", "lo", "!").verifyComplete();
		awaitStopped();
		assertThat(this.registry).hasNumberOfObservationsEqualTo(1)
			.hasSingleObservationThat()
			.hasNameEqualTo("gen_ai.client.operation")
			.hasContextualNameEqualTo("generate_content gemini-3.5-flash-lite")
			.hasLowCardinalityKeyValue("gemini.streaming", "true")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "gemini-2.5-flash-002")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasHighCardinalityKeyValue("gen_ai.response.id", "stream-1")
			.hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "STOP")
			// cumulative usage: the last event's counts, not 21 and 6
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "7")
			.hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "3");
		GeminiObservationContext context = singleContext();
		assertThat(context.getChunkCount()).isEqualTo(3);
		assertThat(context.getTimeToFirstChunk()).isNotNull().isPositive();
	}

	@Test
	void failedCallIsObservedWithErrorTypeAndOutcome() {
		StepVerifier.create(this.template.generateContent("gemini-2.5-pro", GenerateContentRequest.of("Name a cat")))
			.expectError(GeminiUnavailableException.class)
			.verify(TIMEOUT);
		awaitStopped();
		assertThat(this.registry).hasSingleObservationThat()
			.hasContextualNameEqualTo("generate_content gemini-2.5-pro")
			.hasError()
			.hasLowCardinalityKeyValue("gen_ai.request.model", "gemini-2.5-pro")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "none")
			.hasLowCardinalityKeyValue("error.type", "GeminiUnavailableException")
			.hasLowCardinalityKeyValue("outcome", "SERVER_ERROR")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.usage.input_tokens");
		assertThat(singleContext().getError()).isInstanceOf(GeminiUnavailableException.class);
	}

	@Test
	void countTokensIsObservedAsItsOwnOperation() {
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:countTokens"))
			.willReturn(okJson("{\"totalTokens\":4}")));
		StepVerifier.create(this.template.countTokens(GenerateContentRequest.of("Name a dog")))
			.expectNextMatches((counted) -> counted.totalTokens() == 4)
			.verifyComplete();
		awaitStopped();
		assertThat(this.registry).hasSingleObservationThat()
			.hasContextualNameEqualTo("count_tokens gemini-3.5-flash-lite")
			.doesNotHaveError()
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "count_tokens")
			.hasLowCardinalityKeyValue("gen_ai.request.model", "gemini-3.5-flash-lite")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS");
		assertThat(singleContext().getRequest()).isNotNull();
		assertThat(this.template.getCallStatistics().lastSuccess()).isNotNull();
	}

	@Test
	void embeddingsAreObservedAndTheirFailuresCounted() {
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-embedding-001:embedContent"))
			.willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"code\":503,\"message\":\"Overloaded\",\"status\":\"UNAVAILABLE\"}}")));
		StepVerifier.create(this.template.embedContent("gemini-embedding-001", EmbedContentRequest.of("Rex")))
			.expectError(GeminiUnavailableException.class)
			.verify(TIMEOUT);
		awaitStopped();
		assertThat(this.registry).hasSingleObservationThat()
			.hasContextualNameEqualTo("embeddings gemini-embedding-001")
			.hasError()
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "embeddings")
			.hasLowCardinalityKeyValue("error.type", "GeminiUnavailableException")
			.hasLowCardinalityKeyValue("outcome", "SERVER_ERROR");
		assertThat(singleContext().getRequest()).isNull();
		assertThat(this.template.getCallStatistics().lastErrorType()).isEqualTo("GeminiUnavailableException");
	}

	@Test
	void cancelledStreamIsObservedAsCancelled() {
		StepVerifier.create(this.template.streamText("Say hello").take(1)).expectNext("Hel").verifyComplete();
		awaitStopped();
		assertThat(this.registry).hasSingleObservationThat()
			.doesNotHaveError()
			.hasLowCardinalityKeyValue("outcome", "CANCELLED")
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasLowCardinalityKeyValue("gemini.streaming", "true");
		assertThat(singleContext().isCancelled()).isTrue();
		assertThat(singleContext().getChunkCount()).isEqualTo(1);
	}

	@Test
	void observationIsChildOfTheObservationInTheReactorContext() {
		Observation parent = Observation.start("parent", this.registry);
		StepVerifier.create(this.template.generateText("Name a dog")
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, parent)))
			.expectNext("Rex")
			.verifyComplete();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.registry).hasObservationWithNameEqualTo("gen_ai.client.operation")
				.that()
				.hasBeenStopped()
				.hasParentObservationEqualTo(parent));
		parent.stop();
	}

	@Test
	void noPromptOrAnswerTextInAnyKeyValue() {
		StepVerifier.create(this.template.generateText("Name a dog")).expectNext("Rex").verifyComplete();
		awaitStopped();
		assertNoContentInKeyValues();
		this.registry.clear();
		StepVerifier.create(this.template.streamText("Say hello")).expectNextCount(3).verifyComplete();
		awaitStopped();
		assertNoContentInKeyValues();
	}

	private void assertNoContentInKeyValues() {
		assertThat(this.registry).hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts).singleElement()
			.satisfies((context) -> assertThat(context.getAllKeyValues()).isNotEmpty()
				.extracting(KeyValue::getValue)
				.allSatisfy((value) -> assertThat(value).doesNotContain("Name a dog", "Say hello", "Rex", "Hel",
						ObservationFixtures.API_KEY))));
	}

	private void awaitStopped() {
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.registry).hasSingleObservationThat().hasBeenStopped());
	}

	private GeminiObservationContext singleContext() {
		AtomicReference<GeminiObservationContext> single = new AtomicReference<>();
		assertThat(this.registry).hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts).singleElement()
			.isInstanceOfSatisfying(GeminiObservationContext.class, single::set));
		return single.get();
	}

}
