package io.github.geminicomet.test;

import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.geminicomet.GeminiTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiStubExtension}.
 *
 * @author gemini-comet
 */
class GeminiStubExtensionTests {

	@Nested
	@ExtendWith(GeminiStubExtension.class)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class Declarative {

		@Test
		@Order(1)
		void stubIsInjectedAndAnswers(GeminiStub stub) {
			stub.replyText("Rex");
			try (GeminiTemplate gemini = GeminiTemplate.builder()
				.baseUrl(stub.baseUrl())
				.apiKey(GeminiStub.API_KEY)
				.build()) {
				assertThat(gemini.generateText("Name a dog").block(Duration.ofSeconds(10))).isEqualTo("Rex");
			}
			assertThat(stub.requests()).hasSize(1);
		}

		@Test
		@Order(2)
		void stubIsResetBeforeEachTest(GeminiStub stub) {
			assertThat(stub.requests()).isEmpty();
			assertThat(stub.toString()).contains("0 scripted answers");
		}

	}

	@Nested
	class Registered {

		@RegisterExtension
		static final GeminiStubExtension gemini = new GeminiStubExtension();

		@Test
		void stubIsTheSameAsTheParameter(GeminiStub stub) {
			assertThat(gemini.stub()).isSameAs(stub);
			assertThat(stub.baseUrl()).startsWith("http://127.0.0.1:");
		}

	}

}
