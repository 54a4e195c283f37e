package io.github.geminicomet;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.test.StepVerifier;

import io.github.geminicomet.model.BlockReason;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.ThinkingConfig;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.asEvent;
import static io.github.geminicomet.TemplateFixtures.errorOf;
import static io.github.geminicomet.TemplateFixtures.sse;
import static io.github.geminicomet.TemplateFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the thought/answer separation of {@link GeminiOperations#streamTextDeltas} and for
 * {@code thoughtsTokenCount}.
 */
@ExtendWith(BlockHoundExtension.class)
class ThinkingStreamTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final String STREAM_URL = "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse";

	private static final GenerateContentRequest REQUEST = GenerateContentRequest.builder()
		.addContent(Content.user("How many legs do two spiders have?"))
		.generationConfig(GenerationConfig.builder()
			.thinkingConfig(ThinkingConfig.budget(-1).withIncludeThoughts(true))
			.build())
		.build();

	@AutoClose
	private final GeminiTemplate template = template(wireMock);

	@Test
	void streamTextDeltasMarksThoughtsAndAnswerApart() throws Exception {
		streamWith(sse("thoughts-and-text.sse"));
		StepVerifier.create(this.template.streamTextDeltas("gemini-2.5-pro", REQUEST))
			.expectNext(TextDelta.thought("**Counting legs**\nEight per spider."))
			.expectNext(TextDelta.answer("Two spiders"))
			.expectNext(TextDelta.answer(" have 16 legs."))
			.expectComplete()
			.verify(TIMEOUT);
		JSONAssert.assertEquals("""
				{"contents":[{"role":"user","parts":[{"text":"How many legs do two spiders have?"}]}],
				 "generationConfig":{"thinkingConfig":{"includeThoughts":true,"thinkingBudget":-1}}}""",
				wireMock.findAll(anyRequestedFor(anyUrl())).get(0).getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void interleavedThoughtAndAnswerPartsOfOneEventKeepTheirOrder() {
		streamWith(asEvent("""
				{"candidates":[{"content":{"role":"model","parts":[{"text":"Plan: add.","thought":true},
				{"text":"Two"},{"text":"","thoughtSignature":"c2ln"},{"text":" plus two is four."}]},
				"finishReason":"STOP","index":0}]}"""));
		StepVerifier.create(this.template.streamTextDeltas("gemini-2.5-pro", REQUEST).map(TextDelta::kind))
			.expectNext(TextDelta.Kind.THOUGHT, TextDelta.Kind.ANSWER, TextDelta.Kind.ANSWER)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void streamTextDeltasSignalsBlockedPrompt() {
		streamWith(sse("prompt-blocked.sse"));
		Throwable error = errorOf(this.template.streamTextDeltas("gemini-2.5-pro", REQUEST));
		assertThat(error).isInstanceOf(GeminiBlockedContentException.class);
		GeminiBlockedContentException blocked = (GeminiBlockedContentException) error;
		assertThat(blocked.getBlockReason()).isEqualTo(BlockReason.SAFETY);
		assertThat(blocked.getSafetyRatings()).isNotEmpty();
	}

	@Test
	void streamTextDeltasEmitsTextUntilASafetyStop() {
		streamWith(sse("safety-mid-stream.sse"));
		StepVerifier.create(this.template.streamTextDeltas("gemini-2.5-pro", REQUEST))
			.expectNext(TextDelta.answer("Here is how"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(
					GeminiBlockedContentException.class,
					(blocked) -> assertThat(blocked.getFinishReason()).isEqualTo(FinishReason.SAFETY)))
			.verify(TIMEOUT);
	}

	@Test
	void thoughtTextAndThoughtsTokenCountAreExposedOnUnaryResponses() {
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-3-pro-preview:generateContent")).willReturn(okJson("""
				{"candidates":[{"content":{"role":"model","parts":[
				  {"text":"**Checking the lights**","thought":true},
				  {"text":"Cross when the light is green.","thoughtSignature":"RXFvZUNx"}]},
				 "finishReason":"STOP","index":0}],
				 "usageMetadata":{"promptTokenCount":29,"candidatesTokenCount":7,"thoughtsTokenCount":1001,
				  "totalTokenCount":1037},"modelVersion":"gemini-3-pro-preview"}""")));
		GenerateContentResponse response = this.template
			.generateContent("gemini-3-pro-preview", GenerateContentRequest.of("How to cross?"))
			.block(TIMEOUT);
		assertThat(response.thoughtText()).isEqualTo("**Checking the lights**");
		assertThat(response.text()).isEqualTo("Cross when the light is green.");
		assertThat(response.usageMetadata().thoughtsTokenCount()).isEqualTo(1001);
		assertThat(response.usageMetadata().totalTokenCount()).isEqualTo(1037);
		assertThat(TextDelta.of(response)).extracting(TextDelta::isThought).containsExactly(true, false);
	}

	@Test
	void textDeltasOfAnEventWithoutCandidatesAreEmpty() {
		assertThat(TextDelta.of(new GenerateContentResponse(null, null, null, null, null, null))).isEqualTo(List.of());
	}

	private static void streamWith(String body) {
		wireMock.stubFor(post(urlEqualTo(STREAM_URL))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));
	}

}
