package io.github.geminicomet.test;

import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.health.GeminiHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AutoConfigureGeminiStub @AutoConfigureGeminiStub}.
 *
 * @author gemini-comet
 */
@SpringBootTest(properties = { "cometapi.gemini.api-key=a-real-key-that-must-not-be-used",
		"cometapi.gemini.base-url=https://api.cometapi.com" })
@AutoConfigureGeminiStub
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureGeminiStubTests {

	@Autowired
	private GeminiStub stub;

	@Autowired
	private GeminiTemplate gemini;

	@Autowired
	private Environment environment;

	@Autowired
	private GeminiHealthIndicator health;

	@Test
	@Order(1)
	void templateTalksToTheStubWithThePlaceholderKey() {
		this.stub.replyText("Rex");
		assertThat(this.gemini.getBaseUrl()).isEqualTo(this.stub.baseUrl());
		assertThat(this.gemini.generateText("Name a dog").block(Duration.ofSeconds(10))).isEqualTo("Rex");
		assertThat(this.stub.lastRequest().header("x-goog-api-key")).isEqualTo(GeminiStub.API_KEY);
		assertThat(this.environment.getProperty("cometapi.gemini.base-url")).isEqualTo(this.stub.baseUrl());
	}

	@Test
	@Order(2)
	void stubIsResetBeforeEachTest() {
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	@Order(3)
	void healthIndicatorLooksUpTheModelOnTheStub() {
		assertThat(this.health.health().block(Duration.ofSeconds(10)).getStatus()).isEqualTo(Status.UP);
		assertThat(this.stub.lastRequest().operation()).isEqualTo("get");
		assertThat(this.stub.lastRequest().model()).isEqualTo("gemini-3.5-flash-lite");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Config {

	}

}
