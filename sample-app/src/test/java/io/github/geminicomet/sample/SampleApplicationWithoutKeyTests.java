package io.github.geminicomet.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link SampleApplication} started without an API key.
 *
 * @author gemini-comet
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationWithoutKeyTests {

	@Test
	void startWithoutKeyStopsWithMessageNamingPropertyAndEnvironmentVariable(CapturedOutput output) {
		// "--COMETAPI_KEY=" outranks a real environment variable, so the test also holds on a machine with a key
		assertThatException().isThrownBy(() -> SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--COMETAPI_KEY=", "--cometapi.gemini.api-key="));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("No Gemini API key is configured")
			.contains("cometapi.gemini.api-key")
			.contains("COMETAPI_KEY")
			.contains("api-key: <your key>");
	}

}
