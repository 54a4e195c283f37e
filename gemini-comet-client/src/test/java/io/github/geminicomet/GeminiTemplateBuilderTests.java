package io.github.geminicomet;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.geminicomet.TemplateFixtures.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link GeminiTemplate.Builder} and the template's identity.
 */
class GeminiTemplateBuilderTests {

	@Test
	void buildWithoutApiKeyFailsNamingEveryWayToSetIt() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> GeminiTemplate.builder().build())
			.withMessageContaining("apiKey")
			.withMessageContaining("cometapi.gemini.api-key")
			.withMessageContaining("COMETAPI_KEY");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\t" })
	void buildWithBlankApiKeyFails(String apiKey) {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> GeminiTemplate.builder().apiKey(apiKey).build())
			.withMessageContaining("apiKey");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not a url", "api.cometapi.com", "ftp://api.cometapi.com", "https://", "https:///v1",
			"https://api.cometapi.com?x=1", "https://api.cometapi.com/#frag", "http://exa mple.com", "localhost:8080" })
	void buildWithMalformedBaseUrlFailsNamingIt(String baseUrl) {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> GeminiTemplate.builder().apiKey(API_KEY).baseUrl(baseUrl).build())
			.withMessageContaining("base URL")
			.withMessageContaining(baseUrl);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.cometapi.com", "http://127.0.0.1:8080/", "https://proxy.example.com/gemini/" })
	void buildWithValidBaseUrlSucceeds(String baseUrl) {
		try (GeminiTemplate template = GeminiTemplate.builder().apiKey(API_KEY).baseUrl(baseUrl).build()) {
			assertThat(template.getDefaultModel()).isEqualTo(GeminiTemplate.DEFAULT_MODEL);
		}
	}

	@Test
	void toStringNeverContainsTheKey() {
		try (GeminiTemplate template = GeminiTemplate.builder().apiKey(API_KEY).build();
				GeminiTemplate bearer = GeminiTemplate.builder().apiKey(API_KEY).authScheme(AuthScheme.BEARER).build()) {
			assertThat(template.toString()).doesNotContain(API_KEY)
				.contains("https://api.cometapi.com")
				.contains("gemini-3.5-flash-lite");
			assertThat(bearer.toString()).doesNotContain(API_KEY);
			assertThat(template.mutate().defaultModel("gemini-2.5-pro").build().toString()).doesNotContain(API_KEY)
				.contains("gemini-2.5-pro");
			assertThat(template.mutate().toString()).doesNotContain(API_KEY);
			assertThat(GeminiTemplate.builder().apiKey(API_KEY).toString()).doesNotContain(API_KEY);
		}
	}

	@Test
	void invalidTimeoutsAndLimitsAreRejected() {
		GeminiTemplate.Builder builder = GeminiTemplate.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.readTimeout(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.connectTimeout(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxEventSize(0));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxInMemorySize(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.baseUrl(" "));
	}

}
