package io.github.geminicomet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ModelUris}.
 *
 * @author gemini-comet
 */
class ModelUrisTests {

	private final ModelUris uris = new ModelUris("http://127.0.0.1:1/v1beta/models/");

	@Test
	void buildsEachModelsUrisOnceAndHandsThemOutAgain() {
		ModelUris.Uris first = this.uris.of("gemini-3.5-flash-lite");
		assertThat(first.generate()).hasToString("http://127.0.0.1:1/v1beta/models/gemini-3.5-flash-lite:generateContent");
		assertThat(first.stream())
			.hasToString("http://127.0.0.1:1/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse");
		assertThat(this.uris.known("gemini-3.5-flash-lite")).isSameAs(first);
		assertThat(this.uris.of("gemini-3.5-flash-lite")).isSameAs(first);
	}

	@Test
	void holdsABoundedNumberOfModels() {
		for (int i = 0; i < ModelUris.MAX_MODELS + 10; i++) {
			this.uris.of("model-" + i);
		}
		assertThat(this.uris.known("model-0")).isNotNull();
		assertThat(this.uris.known("model-" + (ModelUris.MAX_MODELS + 5))).isNull();
		assertThat(this.uris.of("model-" + (ModelUris.MAX_MODELS + 5)).generate().getPath())
			.endsWith("model-" + (ModelUris.MAX_MODELS + 5) + ":generateContent");
	}

}
