package io.github.geminicomet;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;

import io.github.geminicomet.StructuredOutputFixtures.Card;
import io.github.geminicomet.StructuredOutputFixtures.Customer;
import io.github.geminicomet.StructuredOutputFixtures.Invoice;
import io.github.geminicomet.StructuredOutputFixtures.Line;
import io.github.geminicomet.StructuredOutputFixtures.Mood;
import io.github.geminicomet.StructuredOutputFixtures.Receipt;
import io.github.geminicomet.StructuredOutputFixtures.Score;
import io.github.geminicomet.StructuredOutputFixtures.Transfer;
import io.github.geminicomet.StructuredOutputFixtures.Untyped;
import io.github.geminicomet.model.BlockReason;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.Schema;
import io.github.geminicomet.schema.BeanValidationStructuredOutputValidator;
import io.github.geminicomet.schema.SchemaGenerationException;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.geminicomet.StructuredOutputFixtures.GENERATE_URL;
import static io.github.geminicomet.StructuredOutputFixtures.TIMEOUT;
import static io.github.geminicomet.StructuredOutputFixtures.answer;
import static io.github.geminicomet.StructuredOutputFixtures.baseUrl;
import static io.github.geminicomet.StructuredOutputFixtures.template;
import static io.github.geminicomet.StructuredOutputFixtures.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link GeminiTemplate#generateObject(String, GenerateContentRequest, Class)} and its
 * variants, against a WireMock server.
 */
@ExtendWith(BlockHoundExtension.class)
class GenerateObjectTests {

	@RegisterExtension
	static final WireMockExtension wireMock = StructuredOutputFixtures.wireMock();

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final String MODEL = "gemini-3.5-flash-lite";

	private static final String INVOICE_JSON = """
			{"number": "INV-7", "issuedOn": "2025-03-14", "customer": {"name": "Ada", "city": "London"},
			 "lines": [{"product": "Tea", "quantity": 2, "price": 3.50}, {"product": "Scone", "quantity": 1, "price": 2.25}],
			 "note": null}""";

	@AutoClose
	private final GeminiTemplate template = template(wireMock);

	@Test
	void generateObjectSendsTheSchemaAndReadsTheRecord() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer("{\"points\": 7, \"grade\": \"B\"}"))));
		StepVerifier.create(this.template.generateObject("Grade this essay", Score.class))
			.expectNext(new Score(7, "B"))
			.expectComplete()
			.verify(TIMEOUT);
		wireMock.verify(postRequestedFor(urlEqualTo(GENERATE_URL)).withRequestBody(equalToJson("""
				{"contents": [{"role": "user", "parts": [{"text": "Grade this essay"}]}],
				 "generationConfig": {
				   "responseMimeType": "application/json",
				   "responseSchema": {
				     "type": "OBJECT",
				     "properties": {"points": {"type": "INTEGER", "format": "int32"}, "grade": {"type": "STRING"}},
				     "required": ["points", "grade"],
				     "propertyOrdering": ["points", "grade"]}}}""")));
	}

	@Test
	void schemaIsMergedIntoACopyOfTheRequestGenerationConfig() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer("{\"points\": 1, \"grade\": \"F\"}"))));
		GenerationConfig config = GenerationConfig.builder().temperature(0.1).maxOutputTokens(256).build();
		GenerateContentRequest request = GenerateContentRequest.builder()
			.systemInstruction("You grade essays.")
			.addContent(io.github.geminicomet.model.Content.user("Grade it"))
			.generationConfig(config)
			.build();
		StepVerifier.create(this.template.generateObject(MODEL, request, Score.class))
			.expectNext(new Score(1, "F"))
			.expectComplete()
			.verify(TIMEOUT);
		wireMock.verify(postRequestedFor(urlEqualTo(GENERATE_URL)).withRequestBody(equalToJson("""
				{"contents": [{"role": "user", "parts": [{"text": "Grade it"}]}],
				 "systemInstruction": {"parts": [{"text": "You grade essays."}]},
				 "generationConfig": {
				   "maxOutputTokens": 256, "temperature": 0.1,
				   "responseMimeType": "application/json",
				   "responseSchema": {
				     "type": "OBJECT",
				     "properties": {"points": {"type": "INTEGER", "format": "int32"}, "grade": {"type": "STRING"}},
				     "required": ["points", "grade"],
				     "propertyOrdering": ["points", "grade"]}}}""")));
		assertThat(request.generationConfig()).isSameAs(config);
		assertThat(config.responseSchema()).isNull();
		assertThat(config.responseMimeType()).isNull();
	}

	@Test
	void nestedRecordWithListOfRecordsIsRead() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer(INVOICE_JSON))));
		StepVerifier.create(this.template.generateObject("Extract the invoice", Invoice.class))
			.expectNext(new Invoice("INV-7", LocalDate.of(2025, 3, 14), new Customer("Ada", "London"),
					List.of(new Line("Tea", 2, new BigDecimal("3.50")), new Line("Scone", 1, new BigDecimal("2.25"))),
					null))
			.expectComplete()
			.verify(TIMEOUT);
		wireMock.verify(postRequestedFor(urlEqualTo(GENERATE_URL))
			.withRequestBody(matchingJsonPath("$.generationConfig.responseSchema.properties.lines.items.properties"
					+ ".quantity.minimum", equalToJson("1.0")))
			.withRequestBody(matchingJsonPath("$.generationConfig.responseSchema.properties.note.nullable",
					equalToJson("true")))
			.withRequestBody(matchingJsonPath("$.generationConfig.responseSchema.required",
					equalToJson("[\"number\", \"issuedOn\", \"customer\", \"lines\"]"))));
	}

	@Test
	void genericListIsReadWithATypeReference() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL))
			.willReturn(okJson(answer("[" + INVOICE_JSON + ", " + INVOICE_JSON.replace("INV-7", "INV-8") + "]"))));
		StepVerifier.create(this.template.generateObject("Extract all invoices", new ParameterizedTypeReference<List<Invoice>>() {
		}))
			.assertNext((invoices) -> assertThat(invoices).extracting(Invoice::number).containsExactly("INV-7", "INV-8"))
			.expectComplete()
			.verify(TIMEOUT);
		wireMock.verify(postRequestedFor(urlEqualTo(GENERATE_URL))
			.withRequestBody(matchingJsonPath("$.generationConfig.responseSchema.type", equalTo("ARRAY")))
			.withRequestBody(matchingJsonPath("$.generationConfig.responseSchema.items.propertyOrdering",
					equalToJson("[\"number\", \"issuedOn\", \"customer\", \"lines\", \"note\"]"))));
	}

	@Test
	void genericMapIsSentAsJsonSchemaAndRead() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(
				answer("{\"ada\": {\"points\": 9, \"grade\": \"A\"}, \"bob\": {\"points\": 4, \"grade\": \"D\"}}"))));
		StepVerifier.create(this.template.generateObject(MODEL, GenerateContentRequest.of("Score the class"),
				new ParameterizedTypeReference<Map<String, Score>>() {
				}))
			.expectNext(Map.of("ada", new Score(9, "A"), "bob", new Score(4, "D")))
			.expectComplete()
			.verify(TIMEOUT);
		wireMock.verify(postRequestedFor(urlEqualTo(GENERATE_URL)).withRequestBody(equalToJson("""
				{"contents": [{"role": "user", "parts": [{"text": "Score the class"}]}],
				 "generationConfig": {
				   "responseMimeType": "application/json",
				   "responseJsonSchema": {
				     "type": "object",
				     "additionalProperties": {
				       "type": "object",
				       "properties": {"points": {"type": "integer", "format": "int32"}, "grade": {"type": "string"}},
				       "required": ["points", "grade"],
				       "propertyOrdering": ["points", "grade"]}}}}""")));
	}

	@Test
	void enumIsRead() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer("\"SAD\""))));
		StepVerifier.create(this.template.generateObject("How does this text feel?", Mood.class))
			.expectNext(Mood.SAD)
			.expectComplete()
			.verify(TIMEOUT);
		wireMock.verify(postRequestedFor(urlEqualTo(GENERATE_URL))
			.withRequestBody(matchingJsonPath("$.generationConfig.responseSchema", equalToJson(
					"{\"type\": \"STRING\", \"format\": \"enum\", \"enum\": [\"HAPPY\", \"SAD\"]}"))));
	}

	@Test
	void sealedInterfaceIsReadAsThePermittedSubtypeThatMatches() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer("{\"shop\": \"Deli\", \"payment\": "
				+ "{\"iban\": \"GB33BUKB20201555555555\"}}"))));
		StepVerifier.create(this.template.generateObject("Read the receipt", Receipt.class))
			.expectNext(new Receipt("Deli", new Transfer("GB33BUKB20201555555555")))
			.expectComplete()
			.verify(TIMEOUT);
		wireMock.verify(postRequestedFor(urlEqualTo(GENERATE_URL))
			.withRequestBody(matchingJsonPath("$.generationConfig.responseSchema.properties.payment.anyOf[0]"
					+ ".properties.last4.type", equalTo("STRING"))));
		assertThat(new Card("1234")).isInstanceOf(StructuredOutputFixtures.Payment.class);
	}

	@Test
	void thoughtsAreNotPartOfTheParsedText() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson("""
				{"candidates": [{"content": {"role": "model", "parts": [
				   {"text": "**Planning** I will answer {not json", "thought": true},
				   {"text": "{\\"points\\": 3,"}, {"text": " \\"grade\\": \\"C\\"}", "thoughtSignature": "c2ln"}]},
				 "finishReason": "STOP", "index": 0}]}""")));
		StepVerifier.create(this.template.generateObject("Grade", Score.class))
			.expectNext(new Score(3, "C"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void markdownCodeFenceAroundTheJsonIsIgnored() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL))
			.willReturn(okJson(answer("```json\n{\"points\": 5, \"grade\": \"C\"}\n```"))));
		StepVerifier.create(this.template.generateObject("Grade", Score.class))
			.expectNext(new Score(5, "C"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void generateObjectResponseReturnsTheValueWithUsageAndFinishReason() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer("{\"points\": 8, \"grade\": \"A\"}"))));
		StepVerifier.create(this.template.generateObjectResponse(MODEL, GenerateContentRequest.of("Grade"), Score.class))
			.assertNext((structured) -> {
				assertThat(structured.value()).isEqualTo(new Score(8, "A"));
				assertThat(structured.finishReason()).isEqualTo(FinishReason.STOP);
				assertThat(structured.usageMetadata().totalTokenCount()).isEqualTo(42);
				assertThat(structured.response().responseId()).isEqualTo("resp-1");
				assertThat(structured.groundingMetadata()).isNull();
			})
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void truncatedAnswerAtMaxTokensSaysSo() {
		String cut = "{\"number\": \"INV-7\", \"issuedOn\": \"2025-03-14\", \"customer\": {\"name\": \"Ad";
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer(cut, "MAX_TOKENS"))));
		StepVerifier.create(this.template.generateObject("Extract", Invoice.class))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(GeminiStructuredOutputException.class);
				GeminiStructuredOutputException error = (GeminiStructuredOutputException) ex;
				assertThat(error.getFinishReason()).isEqualTo(FinishReason.MAX_TOKENS);
				assertThat(error.getRawText()).isEqualTo(cut);
				assertThat(error.getTargetType()).isEqualTo(Invoice.class);
				assertThat(error.getResponse()).isNotNull();
				assertThat(error.getMessage()).startsWith("Gemini's answer could not be read as " + Invoice.class.getTypeName())
					.contains("finishReason MAX_TOKENS", "the JSON is truncated", "maxOutputTokens")
					.endsWith(cut);
			})
			.verify(TIMEOUT);
	}

	@Test
	void invalidJsonRaisesStructuredOutputExceptionWithTheRawText() {
		String text = "Sure! Here is the grade: B. " + "x".repeat(600);
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer(text))));
		StepVerifier.create(this.template.generateObject("Grade", Score.class))
			.expectErrorSatisfies((ex) -> {
				GeminiStructuredOutputException error = (GeminiStructuredOutputException) ex;
				assertThat(error.getRawText()).isEqualTo(text);
				assertThat(error.getErrors()).singleElement().asString().startsWith("not valid JSON: ");
				assertThat(error.getFinishReason()).isEqualTo(FinishReason.STOP);
				assertThat(error.getAttempts()).isEqualTo(1);
				assertThat(error.getMessage()).contains("(finishReason STOP)", "Answer (" + text.length() + " chars)")
					.endsWith("...")
					.doesNotContain(text);
				assertThat(error.getCause()).isNotNull();
			})
			.verify(TIMEOUT);
	}

	@Test
	void jsonOfTheWrongShapeNamesTheProperty() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL))
			.willReturn(okJson(answer("{\"points\": \"lots\", \"grade\": \"B\"}"))));
		StepVerifier.create(this.template.generateObject("Grade", Score.class))
			.expectErrorSatisfies((ex) -> assertThat(((GeminiStructuredOutputException) ex).getErrors())
				.singleElement()
				.asString()
				.contains("lots")
				.endsWith("(at points)"))
			.verify(TIMEOUT);
	}

	@Test
	void objectThatFailsValidationRaisesTheViolations() {
		GeminiTemplate validating = templateBuilder(baseUrl(wireMock))
			.structuredOutputValidator(new BeanValidationStructuredOutputValidator(StructuredOutputFixtures.validator()))
			.build();
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer(INVOICE_JSON
			.replace("\"quantity\": 2", "\"quantity\": 0")
			.replace("\"product\": \"Scone\"", "\"product\": \" \"")))));
		StepVerifier.create(validating.generateObject("Extract", Invoice.class))
			.expectErrorSatisfies((ex) -> {
				GeminiStructuredOutputException error = (GeminiStructuredOutputException) ex;
				assertThat(error.getErrors()).containsExactly("lines[0].quantity: must be greater than or equal to 1",
						"lines[1].product: must not be blank");
				assertThat(error.getCause()).isNull();
			})
			.verify(TIMEOUT);
		validating.close();
	}

	@Test
	void validationRunsOnEachElementOfATopLevelList() {
		GeminiTemplate validating = templateBuilder(baseUrl(wireMock))
			.structuredOutputValidator(new BeanValidationStructuredOutputValidator(StructuredOutputFixtures.validator()))
			.build();
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer(
				"[{\"product\": \"Tea\", \"quantity\": 1, \"price\": 1}, {\"product\": \"Jam\", \"quantity\": -3, \"price\": 2}]"))));
		StepVerifier.create(validating.generateObject("Lines", new ParameterizedTypeReference<List<Line>>() {
		}))
			.expectErrorSatisfies((ex) -> assertThat(((GeminiStructuredOutputException) ex).getErrors())
				.containsExactly("[1].quantity: must be greater than or equal to 1"))
			.verify(TIMEOUT);
		validating.close();
	}

	@Test
	void repairAttemptSendsTheAnswerAndTheErrorAndSucceeds() {
		GeminiTemplate repairing = templateBuilder(baseUrl(wireMock)).structuredOutputMaxRepairAttempts(1).build();
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).inScenario("repair")
			.whenScenarioStateIs(STARTED)
			.willReturn(okJson(answer("{\"points\": \"seven\", \"grade\": \"B\"}")))
			.willSetStateTo("asked again"));
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).inScenario("repair")
			.whenScenarioStateIs("asked again")
			.willReturn(okJson(answer("{\"points\": 7, \"grade\": \"B\"}"))));
		StepVerifier.create(repairing.generateObject("Grade this essay", Score.class))
			.expectNext(new Score(7, "B"))
			.expectComplete()
			.verify(TIMEOUT);
		List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlEqualTo(GENERATE_URL)));
		assertThat(requests).hasSize(2);
		JsonNode second = mapper.readTree(requests.get(1).getBodyAsString());
		JsonNode contents = second.get("contents");
		assertThat(contents).hasSize(3);
		assertThat(contents.get(0).toString()).isEqualTo("{\"role\":\"user\",\"parts\":[{\"text\":\"Grade this essay\"}]}");
		assertThat(contents.get(1).toString())
			.isEqualTo("{\"role\":\"model\",\"parts\":[{\"text\":\"{\\\"points\\\": \\\"seven\\\", \\\"grade\\\": \\\"B\\\"}\"}]}");
		assertThat(contents.get(2).get("role").asString()).isEqualTo("user");
		assertThat(contents.get(2).at("/parts/0/text").asString())
			.startsWith("Your previous answer could not be read as Score: ")
			.contains("seven", "(at points)")
			.endsWith("Answer again with only the corrected JSON value, matching the response schema exactly.");
		assertThat(second.at("/generationConfig/responseSchema/type").asString()).isEqualTo("OBJECT");
		repairing.close();
	}

	@Test
	void repairAttemptsThatAllFailReportTheLastAnswerAndTheAttempts() {
		GeminiTemplate repairing = templateBuilder(baseUrl(wireMock)).structuredOutputMaxRepairAttempts(2).build();
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer("not json"))));
		StepVerifier.create(repairing.generateObject("Grade", Score.class))
			.expectErrorSatisfies((ex) -> {
				assertThat(((GeminiStructuredOutputException) ex).getAttempts()).isEqualTo(3);
				assertThat(ex.getMessage()).contains("[after 3 attempts]");
			})
			.verify(TIMEOUT);
		wireMock.verify(3, postRequestedFor(urlEqualTo(GENERATE_URL)));
		repairing.close();
	}

	@Test
	void truncatedAnswerIsNotRepaired() {
		GeminiTemplate repairing = templateBuilder(baseUrl(wireMock)).structuredOutputMaxRepairAttempts(2).build();
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer("{\"points\": 7", "MAX_TOKENS"))));
		StepVerifier.create(repairing.generateObject("Grade", Score.class))
			.expectError(GeminiStructuredOutputException.class)
			.verify(TIMEOUT);
		wireMock.verify(1, postRequestedFor(urlEqualTo(GENERATE_URL)));
		repairing.close();
	}

	@Test
	void blockedPromptRaisesBlockedContentException() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson("""
				{"promptFeedback": {"blockReason": "SAFETY", "safetyRatings": [
				  {"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH", "blocked": true}]}}""")));
		StepVerifier.create(this.template.generateObject("Something bad", Score.class))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(GeminiBlockedContentException.class);
				assertThat(((GeminiBlockedContentException) ex).getBlockReason()).isEqualTo(BlockReason.SAFETY);
			})
			.verify(TIMEOUT);
	}

	@Test
	void safetyFinishRaisesBlockedContentExceptionNotAJsonError() {
		GeminiTemplate repairing = templateBuilder(baseUrl(wireMock)).structuredOutputMaxRepairAttempts(1).build();
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer("{\"points\": ", "SAFETY"))));
		StepVerifier.create(repairing.generateObject("Grade", Score.class))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(GeminiBlockedContentException.class);
				assertThat(((GeminiBlockedContentException) ex).getFinishReason()).isEqualTo(FinishReason.SAFETY);
			})
			.verify(TIMEOUT);
		wireMock.verify(1, postRequestedFor(urlEqualTo(GENERATE_URL)));
		repairing.close();
	}

	@Test
	void requestWithItsOwnSchemaKeepsIt() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer("{\"points\": 2, \"grade\": \"E\"}"))));
		Schema own = Schema.builder()
			.type(Schema.Type.OBJECT)
			.property("points", Schema.of(Schema.Type.INTEGER))
			.property("grade", Schema.builder().type(Schema.Type.STRING).description("A to F").build())
			.build();
		GenerateContentRequest request = GenerateContentRequest.builder()
			.addContent(io.github.geminicomet.model.Content.user("Grade"))
			.generationConfig(GenerationConfig.builder().responseSchema(own).build())
			.build();
		StepVerifier.create(this.template.generateObject(MODEL, request, Score.class))
			.expectNext(new Score(2, "E"))
			.expectComplete()
			.verify(TIMEOUT);
		wireMock.verify(postRequestedFor(urlEqualTo(GENERATE_URL)).withRequestBody(equalToJson("""
				{"contents": [{"role": "user", "parts": [{"text": "Grade"}]}],
				 "generationConfig": {"responseMimeType": "application/json", "responseSchema": {"type": "OBJECT",
				   "properties": {"points": {"type": "INTEGER"}, "grade": {"type": "STRING", "description": "A to F"}}}}}""")));
	}

	@Test
	void typeThatCannotBeDescribedFailsWhenTheCallIsMade() {
		assertThatExceptionOfType(SchemaGenerationException.class)
			.isThrownBy(() -> this.template.generateObject("Anything", Untyped.class))
			.withMessageContaining("property 'anything' of " + Untyped.class.getTypeName());
		wireMock.verify(0, postRequestedFor(urlEqualTo(GENERATE_URL)));
	}

	@Test
	void invalidModelNameFailsWhenTheCallIsMade() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.template.generateObject("bad/model", GenerateContentRequest.of("x"), Score.class));
	}

	@Test
	void nothingIsSentUntilSubscription() {
		this.template.generateObject("Grade", Score.class);
		wireMock.verify(0, postRequestedFor(urlEqualTo(GENERATE_URL)));
	}

}
