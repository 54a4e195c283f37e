package io.github.geminicomet;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Shared set-up of the structured-output tests: a WireMock server on 127.0.0.1, answers and stream
 * events as Gemini sends them, and the Java types read from them.
 */
final class StructuredOutputFixtures {

	static final String API_KEY = "AIzaTEST-structured-output-key";

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	static final String GENERATE_URL = "/v1beta/models/gemini-3.5-flash-lite:generateContent";

	static final String STREAM_URL = "/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse";

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private StructuredOutputFixtures() {
	}

	static WireMockExtension wireMock() {
		return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
	}

	static GeminiTemplate.Builder templateBuilder(String baseUrl) {
		return GeminiTemplate.builder().apiKey(API_KEY).baseUrl(baseUrl).retry(RetrySettings.NONE);
	}

	static String baseUrl(WireMockExtension wireMock) {
		return "http://127.0.0.1:" + wireMock.getPort();
	}

	/** A template from {@link #templateBuilder(String)} pointing at the WireMock server. */
	static GeminiTemplate template(WireMockExtension wireMock) {
		return templateBuilder(baseUrl(wireMock)).build();
	}

	static Validator validator() {
		return Validation.byDefaultProvider()
			.configure()
			.messageInterpolator(new ParameterMessageInterpolator())
			.buildValidatorFactory()
			.getValidator();
	}

	/** A unary answer whose visible text is {@code text}. */
	static String answer(String text, String finishReason) {
		return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":" + json(text) + "}]},"
				+ "\"finishReason\":\"" + finishReason + "\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,"
				+ "\"candidatesTokenCount\":30,\"totalTokenCount\":42},\"modelVersion\":\"gemini-3.5-flash-lite\","
				+ "\"responseId\":\"resp-1\"}";
	}

	static String answer(String text) {
		return answer(text, "STOP");
	}

	/** One server-sent event carrying a text delta, and the finish reason when it is the last. */
	static String event(String delta, @Nullable String finishReason) {
		return "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":" + json(delta) + "}]}"
				+ ((finishReason != null) ? ",\"finishReason\":\"" + finishReason + "\"" : "")
				+ ",\"index\":0}],\"modelVersion\":\"gemini-3.5-flash-lite\"}\r\n\r\n";
	}

	static String event(String delta) {
		return event(delta, null);
	}

	/** One server-sent event carrying a thought summary. */
	static String thoughtEvent(String thought) {
		return "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":" + json(thought)
				+ ",\"thought\":true}]},\"index\":0}]}\r\n\r\n";
	}

	static String json(String text) {
		return mapper.writeValueAsString(text);
	}

	record Score(int points, String grade) {
	}

	record Line(@NotBlank String product, @Min(1) int quantity, BigDecimal price) {
	}

	record Invoice(String number, LocalDate issuedOn, Customer customer, List<@Valid Line> lines, @Nullable String note) {
	}

	record Customer(String name, String city) {
	}

	enum Mood {

		HAPPY, SAD

	}

	sealed interface Payment permits Card, Transfer {
	}

	record Card(String last4) implements Payment {
	}

	record Transfer(String iban) implements Payment {
	}

	record Receipt(String shop, Payment payment) {
	}

	record Untyped(Object anything) {
	}

}
