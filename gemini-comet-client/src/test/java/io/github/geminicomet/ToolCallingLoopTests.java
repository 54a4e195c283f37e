package io.github.geminicomet;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import io.github.geminicomet.ToolCallingTestSupport.TravelTools;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FunctionCallingConfig;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.Tool;
import io.github.geminicomet.model.ToolConfig;
import io.github.geminicomet.tool.GeminiTools;
import io.github.geminicomet.tool.ToolCallingOptions;

import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.asEvent;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static io.github.geminicomet.ToolCallingTestSupport.GENERATE_URL;
import static io.github.geminicomet.ToolCallingTestSupport.MODEL;
import static io.github.geminicomet.ToolCallingTestSupport.STREAM_URL;
import static io.github.geminicomet.ToolCallingTestSupport.bodies;
import static io.github.geminicomet.ToolCallingTestSupport.candidate;
import static io.github.geminicomet.ToolCallingTestSupport.contents;
import static io.github.geminicomet.ToolCallingTestSupport.signature;
import static io.github.geminicomet.ToolCallingTestSupport.stubTurns;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the function-calling loop of {@link GeminiOperations#withTools(Object...)}: declarations on
 * the wire, the model's turns replayed with every {@code thoughtSignature} unchanged over three turns
 * (unary and streaming), parallel calls answered in one turn in order, reactive and blocking tools, and
 * {@code toolConfig} sent as set.
 */
@ExtendWith(BlockHoundExtension.class)
class ToolCallingLoopTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final String PROMPT = "Weather in Paris, and 100 EUR in USD?";

	private static final String DECLARATIONS = """
			[{"functionDeclarations":[
			  {"name":"convert","description":"Convert an amount of money",
			   "parameters":{"type":"OBJECT","properties":{
			     "amount":{"type":"NUMBER","format":"double"},"from":{"type":"STRING"},"to":{"type":"STRING"}},
			     "required":["amount","from","to"],"propertyOrdering":["amount","from","to"]}},
			  {"name":"weather","description":"Current weather at a place",
			   "parameters":{"type":"OBJECT","properties":{
			     "place":{"type":"OBJECT","description":"Where",
			       "properties":{"city":{"type":"STRING"},"country":{"type":"STRING","nullable":true}},
			       "required":["city"],"propertyOrdering":["city","country"]},
			     "unit":{"type":"STRING","format":"enum","enum":["CELSIUS","FAHRENHEIT"]},
			     "fields":{"type":"ARRAY","items":{"type":"STRING"}}},
			     "required":["place","unit","fields"],"propertyOrdering":["place","unit","fields"]}}]}]""";

	private static final String WEATHER_CALL = """
			{"functionCall":{"id":"call-1","name":"weather",
			  "args":{"place":{"city":"Paris"},"unit":"CELSIUS","fields":["temperature"]}},
			 "thoughtSignature":"c2lnLWNhbGwtMQ=="}""";

	private static final String CONVERT_CALL = """
			{"functionCall":{"id":"call-2","name":"convert","args":{"amount":100,"from":"EUR","to":"USD"}},
			 "thoughtSignature":"c2lnLWNhbGwtMg=="}""";

	/** Turn 1: signed text, then a signed function call. */
	private static final String TURN_1 = candidate("""
			{"text":"I will check the weather first.","thoughtSignature":"c2lnLXRleHQtMQ=="},""" + WEATHER_CALL,
			"STOP");

	/** Turn 2: a signed function call, then the signed empty-text trailer. */
	private static final String TURN_2 = candidate(CONVERT_CALL + """
			,{"text":"","thoughtSignature":"c2lnLXRyYWlsZXItMg=="}""", "STOP");

	private static final String ANSWER = candidate("""
			{"text":"Paris is 21°C; 100 EUR is 110 USD.","thoughtSignature":"c2lnLWZpbmFs"}""", "STOP");

	private static final String WEATHER_RESPONSE = """
			{"role":"user","parts":[{"functionResponse":{"id":"call-1","name":"weather",
			  "response":{"result":{"city":"Paris","temperature":21,"unit":"CELSIUS"}}}}]}""";

	private static final String CONVERT_RESPONSE = """
			{"role":"user","parts":[{"functionResponse":{"id":"call-2","name":"convert",
			  "response":{"result":110.00000000000001}}}]}""";

	private GeminiTemplate template;

	private TravelTools travelTools;

	@BeforeEach
	void setUp() {
		this.template = templateBuilder(baseUrl(wireMock)).build();
		this.travelTools = new TravelTools();
	}

	@AfterEach
	void tearDown() {
		this.template.close();
	}

	@Test
	void withToolsSendsTheDeclarationsOfTheAnnotatedBean() throws Exception {
		stubTurns(wireMock, GENERATE_URL, false, ANSWER);
		StepVerifier.create(this.template.withTools(this.travelTools)
			.generateContent(MODEL, GenerateContentRequest.of(PROMPT)))
			.assertNext((response) -> assertThat(response.text()).isEqualTo("Paris is 21°C; 100 EUR is 110 USD."))
			.expectComplete()
			.verify(TIMEOUT);
		JSONAssert.assertEquals("""
				{"contents":[{"role":"user","parts":[{"text":"%s"}]}],"tools":%s}""".formatted(PROMPT, DECLARATIONS),
				bodies(wireMock, GENERATE_URL).get(0), JSONCompareMode.STRICT);
	}

	@Test
	void unaryLoopReplaysEveryModelTurnWithItsSignaturesOverThreeTurns() throws Exception {
		stubTurns(wireMock, GENERATE_URL, false, TURN_1, TURN_2, ANSWER);
		StepVerifier.create(this.template.withTools(this.travelTools)
			.generateContent(MODEL, GenerateContentRequest.of(PROMPT)))
			.assertNext((response) -> {
				assertThat(response.text()).isEqualTo("Paris is 21°C; 100 EUR is 110 USD.");
				assertThat(response.functionCalls()).isEmpty();
			})
			.expectComplete()
			.verify(TIMEOUT);
		List<String> bodies = bodies(wireMock, GENERATE_URL);
		assertThat(bodies).hasSize(3);
		String user = "{\"role\":\"user\",\"parts\":[{\"text\":\"" + PROMPT + "\"}]}";
		String modelTurn1 = "{\"role\":\"model\",\"parts\":[{\"text\":\"I will check the weather first.\","
				+ "\"thoughtSignature\":\"c2lnLXRleHQtMQ==\"}," + WEATHER_CALL + "]}";
		String modelTurn2 = "{\"role\":\"model\",\"parts\":[" + CONVERT_CALL
				+ ",{\"text\":\"\",\"thoughtSignature\":\"c2lnLXRyYWlsZXItMg==\"}]}";
		JSONAssert.assertEquals("[" + user + "," + modelTurn1 + "," + WEATHER_RESPONSE + "]", contents(bodies.get(1)),
				JSONCompareMode.STRICT);
		JSONAssert.assertEquals("[" + user + "," + modelTurn1 + "," + WEATHER_RESPONSE + "," + modelTurn2 + ","
				+ CONVERT_RESPONSE + "]", contents(bodies.get(2)), JSONCompareMode.STRICT);
		// every signature, on text, function call and empty-text trailer, travels back unchanged
		assertThat(signature(bodies.get(1), 1, 0)).isEqualTo("c2lnLXRleHQtMQ==");
		assertThat(signature(bodies.get(1), 1, 1)).isEqualTo("c2lnLWNhbGwtMQ==");
		assertThat(signature(bodies.get(2), 1, 0)).isEqualTo("c2lnLXRleHQtMQ==");
		assertThat(signature(bodies.get(2), 1, 1)).isEqualTo("c2lnLWNhbGwtMQ==");
		assertThat(signature(bodies.get(2), 3, 0)).isEqualTo("c2lnLWNhbGwtMg==");
		assertThat(signature(bodies.get(2), 3, 1)).isEqualTo("c2lnLXRyYWlsZXItMg==");
		assertThat(bodies.get(2)).contains("\"thoughtSignature\":\"c2lnLXRyYWlsZXItMg==\"");
		for (String body : bodies) {
			JSONAssert.assertEquals("{\"tools\":" + DECLARATIONS + "}", body, JSONCompareMode.LENIENT);
		}
		assertThat(this.travelTools.weatherThreads).singleElement().asString().startsWith("boundedElastic-");
		assertThat(this.travelTools.convertThreads).singleElement().asString().doesNotStartWith("boundedElastic-");
	}

	@Test
	void streamingLoopEmitsEveryTurnAndReplaysAggregatedTurnsWithEverySignature() throws Exception {
		String turn1 = asEvent(candidate("""
				{"text":"I will check","thoughtSignature":"c2lnLXRleHQtMQ=="}""", null))
				+ asEvent(candidate("{\"text\":\" the weather first.\"}", null))
				+ asEvent(candidate(WEATHER_CALL, null))
				+ asEvent(candidate("{\"text\":\"\",\"thoughtSignature\":\"c2lnLXRyYWlsZXItMQ==\"}", "STOP"));
		String turn2 = asEvent(candidate(CONVERT_CALL, null))
				+ asEvent(candidate("{\"text\":\"\",\"thoughtSignature\":\"c2lnLXRyYWlsZXItMg==\"}", "STOP"));
		String answer = asEvent(candidate("{\"text\":\"Paris is 21°C;\",\"thoughtSignature\":\"c2lnLWZpbmFs\"}", null))
				+ asEvent(candidate("{\"text\":\" 100 EUR is 110 USD.\"}", "STOP"));
		stubTurns(wireMock, STREAM_URL, true, turn1, turn2, answer);
		StepVerifier.create(this.template.withTools(this.travelTools)
			.streamGenerateContent(MODEL, GenerateContentRequest.of(PROMPT))
			.map(GenerateContentResponse::text))
			.expectNext("I will check", " the weather first.", "", "")
			.expectNext("", "")
			.expectNext("Paris is 21°C;", " 100 EUR is 110 USD.")
			.expectComplete()
			.verify(TIMEOUT);
		List<String> bodies = bodies(wireMock, STREAM_URL);
		assertThat(bodies).hasSize(3);
		String user = "{\"role\":\"user\",\"parts\":[{\"text\":\"" + PROMPT + "\"}]}";
		String modelTurn1 = "{\"role\":\"model\",\"parts\":[{\"text\":\"I will check the weather first.\","
				+ "\"thoughtSignature\":\"c2lnLXRleHQtMQ==\"}," + WEATHER_CALL
				+ ",{\"text\":\"\",\"thoughtSignature\":\"c2lnLXRyYWlsZXItMQ==\"}]}";
		String modelTurn2 = "{\"role\":\"model\",\"parts\":[" + CONVERT_CALL
				+ ",{\"text\":\"\",\"thoughtSignature\":\"c2lnLXRyYWlsZXItMg==\"}]}";
		JSONAssert.assertEquals("[" + user + "," + modelTurn1 + "," + WEATHER_RESPONSE + "]", contents(bodies.get(1)),
				JSONCompareMode.STRICT);
		JSONAssert.assertEquals("[" + user + "," + modelTurn1 + "," + WEATHER_RESPONSE + "," + modelTurn2 + ","
				+ CONVERT_RESPONSE + "]", contents(bodies.get(2)), JSONCompareMode.STRICT);
		assertThat(signature(bodies.get(2), 1, 0)).isEqualTo("c2lnLXRleHQtMQ==");
		assertThat(signature(bodies.get(2), 1, 1)).isEqualTo("c2lnLWNhbGwtMQ==");
		assertThat(signature(bodies.get(2), 1, 2)).isEqualTo("c2lnLXRyYWlsZXItMQ==");
		assertThat(signature(bodies.get(2), 3, 0)).isEqualTo("c2lnLWNhbGwtMg==");
		assertThat(signature(bodies.get(2), 3, 1)).isEqualTo("c2lnLXRyYWlsZXItMg==");
		assertThat(this.travelTools.weatherThreads).singleElement().asString().startsWith("boundedElastic-");
	}

	@Test
	void streamTextStreamsTheFinalAnswerIncrementally() {
		String turn1 = asEvent(candidate(WEATHER_CALL, "STOP"));
		String answer = asEvent(candidate("{\"text\":\"Paris\"}", null)) + asEvent(candidate("{\"text\":\" is\"}", null))
				+ asEvent(candidate("{\"text\":\" sunny.\"}", "STOP"));
		stubTurns(wireMock, "/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse", true, turn1, answer);
		StepVerifier.create(this.template.withTools(this.travelTools).streamText("Weather in Paris?"))
			.expectNext("Paris", " is", " sunny.")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void generateTextRunsTheLoopWithTheDefaultModel() {
		stubTurns(wireMock, "/v1beta/models/gemini-3.5-flash-lite:generateContent", false, candidate(WEATHER_CALL, "STOP"),
				ANSWER);
		StepVerifier.create(this.template.withTools(this.travelTools).generateText("Weather in Paris?"))
			.expectNext("Paris is 21°C; 100 EUR is 110 USD.")
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(bodies(wireMock, "/v1beta/models/gemini-3.5-flash-lite:generateContent")).hasSize(2);
	}

	@Test
	void parallelCallsRunConcurrentlyAndAreAnsweredInOneTurnInCallOrder() throws Exception {
		String parallel = candidate("""
				{"functionCall":{"id":"p-1","name":"weather","args":{"place":{"city":"Paris"},"unit":"CELSIUS",
				  "fields":[]}},"thoughtSignature":"c2lnLXBhcmFsbGVs"},
				{"functionCall":{"id":"p-2","name":"weather","args":{"place":{"city":"Oslo"},"unit":"CELSIUS",
				  "fields":[]}}},
				{"functionCall":{"id":"p-3","name":"convert","args":{"amount":10,"from":"EUR","to":"USD"}}}""",
				"STOP");
		stubTurns(wireMock, GENERATE_URL, false, parallel, ANSWER);
		StepVerifier.create(this.template.withTools(this.travelTools)
			.generateContent(MODEL, GenerateContentRequest.of(PROMPT)))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		List<String> bodies = bodies(wireMock, GENERATE_URL);
		assertThat(bodies).hasSize(2);
		// Paris is the slowest call, yet answered first: the answers follow the order of the calls
		JSONAssert.assertEquals("""
				{"role":"user","parts":[
				  {"functionResponse":{"id":"p-1","name":"weather",
				    "response":{"result":{"city":"Paris","temperature":21,"unit":"CELSIUS"}}}},
				  {"functionResponse":{"id":"p-2","name":"weather",
				    "response":{"result":{"city":"Oslo","temperature":-3,"unit":"CELSIUS"}}}},
				  {"functionResponse":{"id":"p-3","name":"convert","response":{"result":11.0}}}]}""",
				ToolCallingTestSupport.JSON.readTree(bodies.get(1)).get("contents").get(2).toString(),
				JSONCompareMode.STRICT);
		assertThat(signature(bodies.get(1), 1, 0)).isEqualTo("c2lnLXBhcmFsbGVs");
		assertThat(signature(bodies.get(1), 1, 1)).isNull();
		assertThat(this.travelTools.weatherThreads).hasSize(2).allMatch((name) -> name.startsWith("boundedElastic-"));
		assertThat(this.travelTools.weatherThreads.get(0)).isNotEqualTo(this.travelTools.weatherThreads.get(1));
	}

	@Test
	void toolsAreAddedAfterTheRequestsOwnTools() throws Exception {
		stubTurns(wireMock, GENERATE_URL, false, ANSWER);
		GenerateContentRequest request = GenerateContentRequest.builder()
			.addContent(Content.user(PROMPT))
			.addTool(Tool.GOOGLE_SEARCH)
			.build();
		StepVerifier.create(this.template.withTools(this.travelTools).generateContent(MODEL, request))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		String expectedTools = "[{\"googleSearch\":{}}," + DECLARATIONS.substring(1);
		JSONAssert.assertEquals("{\"tools\":" + expectedTools + "}", bodies(wireMock, GENERATE_URL).get(0),
				JSONCompareMode.STRICT_ORDER);
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			AUTO, '',              '{"functionCallingConfig":{"mode":"AUTO"}}'
			ANY,  'weather',       '{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["weather"]}}'
			ANY,  'weather;convert','{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["weather","convert"]}}'
			NONE, '',              '{"functionCallingConfig":{"mode":"NONE"}}'
			""")
	void toolConfigIsSentAsSetInEveryTurn(FunctionCallingConfig.Mode mode, String allowed, String expected)
			throws Exception {
		stubTurns(wireMock, GENERATE_URL, false, candidate(WEATHER_CALL, "STOP"), ANSWER);
		String[] names = allowed.isEmpty() ? new String[0] : allowed.split(";");
		GenerateContentRequest request = GenerateContentRequest.builder()
			.addContent(Content.user(PROMPT))
			.toolConfig(ToolConfig.functionCalling(mode, names))
			.build();
		StepVerifier.create(this.template.withTools(this.travelTools).generateContent(MODEL, request))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		List<String> bodies = bodies(wireMock, GENERATE_URL);
		assertThat(bodies).hasSize(2);
		for (String body : bodies) {
			JSONAssert.assertEquals(expected, ToolCallingTestSupport.JSON.readTree(body).get("toolConfig").toString(),
					JSONCompareMode.STRICT);
		}
	}

	@Test
	void manualModeDeclaresAndAnswersCallsWithGeminiTools() throws Exception {
		stubTurns(wireMock, GENERATE_URL, false, TURN_1, ANSWER);
		GeminiTools tools = GeminiTools.of(this.travelTools);
		GenerateContentRequest request = GenerateContentRequest.builder()
			.addContent(Content.user(PROMPT))
			.addTool(tools.toTool())
			.build();
		StepVerifier.create(this.template.generateContent(MODEL, request)
			.flatMap((response) -> tools.respond(response)
				.flatMap((answers) -> this.template.generateContent(MODEL, request.toBuilder()
					.addContent(response.firstCandidate().content())
					.addContent(answers)
					.build()))))
			.assertNext((response) -> assertThat(response.text()).isEqualTo("Paris is 21°C; 100 EUR is 110 USD."))
			.expectComplete()
			.verify(TIMEOUT);
		List<String> bodies = bodies(wireMock, GENERATE_URL);
		JSONAssert.assertEquals("{\"tools\":" + DECLARATIONS + "}", bodies.get(0), JSONCompareMode.STRICT_ORDER);
		JSONAssert.assertEquals("[{\"role\":\"user\",\"parts\":[{\"text\":\"" + PROMPT + "\"}]},"
				+ "{\"role\":\"model\",\"parts\":[{\"text\":\"I will check the weather first.\","
				+ "\"thoughtSignature\":\"c2lnLXRleHQtMQ==\"}," + WEATHER_CALL + "]}," + WEATHER_RESPONSE + "]",
				contents(bodies.get(1)), JSONCompareMode.STRICT);
	}

	@Test
	void chatOnToolOperationsRunsTheLoopForEachTurn() {
		stubTurns(wireMock, GENERATE_URL, false, candidate(WEATHER_CALL, "STOP"), ANSWER);
		GeminiChat chat = this.template.withTools(this.travelTools).chat(MODEL);
		StepVerifier.create(chat.send("Weather in Paris?"))
			.assertNext((response) -> assertThat(response.text()).isEqualTo("Paris is 21°C; 100 EUR is 110 USD."))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(chat.history().size()).isEqualTo(2);
		assertThat(bodies(wireMock, GENERATE_URL)).hasSize(2);
	}

	@Test
	void blockingToolOnTheEventLoopWouldBeCaughtByBlockHound() throws Exception {
		// proves the other tests' check is not vacuous: without the scheduler hop, the tool blocks a Netty thread
		stubTurns(wireMock, GENERATE_URL, false, TURN_1, ANSWER);
		GeminiOperations onEventLoop = this.template.mutate()
			.toolCallingOptions(ToolCallingOptions.builder().scheduler(Schedulers.immediate()).build())
			.build()
			.withTools(this.travelTools);
		StepVerifier.create(onEventLoop.generateContent(MODEL, GenerateContentRequest.of(PROMPT)))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.travelTools.weatherThreads).singleElement().asString().startsWith("reactor-http-");
		assertThat(BlockHoundExtension.drainViolations()).isNotEmpty();
		assertThat(ToolCallingTestSupport.JSON.readTree(bodies(wireMock, GENERATE_URL).get(1))
			.at("/contents/2/parts/0/functionResponse/response/error")
			.asString()).contains("Blocking call");
	}

	@Test
	void generateObjectRunsTheLoopWithTheResponseSchema() throws Exception {
		stubTurns(wireMock, GENERATE_URL, false, TURN_1,
				candidate("{\"text\":\"{\\\"city\\\":\\\"Paris\\\",\\\"temperature\\\":21,"
						+ "\\\"unit\\\":\\\"CELSIUS\\\"}\"}", "STOP"));
		StepVerifier.create(this.template.withTools(this.travelTools)
			.generateObject(MODEL, GenerateContentRequest.of(PROMPT), ToolCallingTestSupport.Weather.class))
			.expectNext(new ToolCallingTestSupport.Weather("Paris", 21, ToolCallingTestSupport.Unit.CELSIUS))
			.expectComplete()
			.verify(TIMEOUT);
		for (String body : bodies(wireMock, GENERATE_URL)) {
			JSONAssert.assertEquals("""
					{"generationConfig":{"responseMimeType":"application/json",
					  "responseSchema":{"type":"OBJECT","required":["city","temperature","unit"]}},
					 "tools":%s}""".formatted(DECLARATIONS), body, JSONCompareMode.LENIENT);
		}
	}

	@Test
	void withToolsOnToolOperationsAddsMoreTools() {
		ToolCallingOperations operations = this.template.withTools(this.travelTools)
			.withTools(new ToolCallingFailureTests.FlakyTools());
		assertThat(operations.getTools().getFunctionNames()).containsExactly("convert", "weather", "book", "ping");
	}

}
