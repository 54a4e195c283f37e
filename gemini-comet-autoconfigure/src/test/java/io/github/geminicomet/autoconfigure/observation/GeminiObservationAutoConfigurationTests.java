package io.github.geminicomet.autoconfigure.observation;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.autoconfigure.GeminiAutoConfiguration;
import io.github.geminicomet.autoconfigure.health.GeminiHealthContributorAutoConfiguration;
import io.github.geminicomet.observation.GeminiContentLoggingObservationHandler;
import io.github.geminicomet.observation.GeminiMeterObservationHandler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link GeminiObservationAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class GeminiObservationAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final String ANSWER = """
			{"candidates":[{"content":{"role":"model","parts":[{"text":"Rex the brave"}]},"finishReason":"STOP"}],
			 "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":2,"totalTokenCount":5},
			 "modelVersion":"gemini-2.5-flash-001"}""".replace("\n", "");

	@RegisterExtension
	static final WireMockExtension wireMock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				GeminiAutoConfiguration.class, GeminiObservationAutoConfiguration.class))
		.withPropertyValues("cometapi.gemini.api-key=test-key",
				"cometapi.gemini.base-url=http://127.0.0.1:" + wireMock.getPort(),
				"cometapi.gemini.retry.enabled=false");

	@BeforeEach
	void stubGateway() {
		wireMock.stubFor(
				post(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent")).willReturn(okJson(ANSWER)));
	}

	@Test
	void meterHandlerIsRegisteredWithBootsObservationRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(GeminiMeterObservationHandler.class)
				.doesNotHaveBean(GeminiContentLoggingObservationHandler.class);
			context.getBean(GeminiTemplate.class).generateText("Name a dog").block(TIMEOUT);
			MeterRegistry meterRegistry = context.getBean(MeterRegistry.class);
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(meterRegistry.find("gen_ai.client.operation.duration").timers()).hasSize(1);
				assertThat(meterRegistry.find("gen_ai.client.operation").timers()).hasSize(1);
			});
			assertThat(meterRegistry.get("gen_ai.client.operation.duration").timer().getId().getTags())
				.contains(Tag.of("gen_ai.request.model", "gemini-3.5-flash-lite"),
						Tag.of("gen_ai.response.model", "gemini-2.5-flash-001"), Tag.of("outcome", "SUCCESS"));
			assertThat(meterRegistry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").summary()
				.totalAmount()).isEqualTo(3);
			assertThat(meterRegistry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary()
				.totalAmount()).isEqualTo(2);
			// Boot's default meter handler still records its gen_ai.client.operation timer: ours adds to it
		});
	}

	@Test
	void meterHandlerBacksOffWhenUserDefinesOne() {
		this.contextRunner.withUserConfiguration(UserHandlerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(GeminiMeterObservationHandler.class)
				.hasBean("customHandler"));
	}

	@Test
	void meterHandlerWithoutMeterRegistryIsAbsent() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, GeminiAutoConfiguration.class,
					GeminiObservationAutoConfiguration.class))
			.withPropertyValues("cometapi.gemini.api-key=test-key")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(GeminiTemplate.class)
				.doesNotHaveBean(GeminiMeterObservationHandler.class));
	}

	@Test
	void meterHandlerWithoutSpringBootMicrometerMetricsIsAbsent() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, GeminiAutoConfiguration.class,
					GeminiObservationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.micrometer.metrics"))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("cometapi.gemini.api-key=test-key")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(GeminiMeterObservationHandler.class));
	}

	@Test
	void contentLoggingIsOffByDefault() {
		this.contextRunner
			.run((context) -> assertThat(context).doesNotHaveBean(GeminiContentLoggingObservationHandler.class));
	}

	@Test
	void contentLoggingWhenOnWarnsAtStartupAndLogsPromptAndAnswerAtDebug(CapturedOutput output) {
		runWithContentLoggedAtDebug((context) -> {
			assertThat(context).hasSingleBean(GeminiContentLoggingObservationHandler.class);
			assertThat(output).contains("cometapi.gemini.observations.log-content is on");
			context.getBean(GeminiTemplate.class).generateText("Name a dog, please").block(TIMEOUT);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(output).contains("Rex the ... (13 characters)"));
			assertThat(output).contains("Name a d... (18 characters)").doesNotContain("Name a dog, please");
		});
	}

	@Test
	void contentLoggingLogsTheWholeTextOfAStreamTruncated(CapturedOutput output) {
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(event("Rex", null) + event(" the", null) + event(" brave", "STOP"))));
		runWithContentLoggedAtDebug((context) -> {
			assertThat(context.getBean(GeminiTemplate.class).streamText("Name a dog").collectList().block(TIMEOUT))
				.containsExactly("Rex", " the", " brave");
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(output)
				.contains("Gemini stream from gemini-3.5-flash-lite ended after 3 events: Rex the ... (13 characters)"));
		});
	}

	/** Run with content logging on, 8 characters of each text, its logger at DEBUG. */
	private void runWithContentLoggedAtDebug(ContextConsumer<AssertableApplicationContext> test) {
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		String category = GeminiContentLoggingObservationHandler.class.getName();
		loggingSystem.setLogLevel(category, LogLevel.DEBUG);
		try {
			this.contextRunner
				.withPropertyValues("cometapi.gemini.observations.log-content=true",
						"cometapi.gemini.observations.content-max-length=8")
				.run(test);
		}
		finally {
			loggingSystem.setLogLevel(category, null);
		}
	}

	private static String event(String text, @Nullable String finishReason) {
		return "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + text + "\"}]}"
				+ ((finishReason != null) ? ",\"finishReason\":\"" + finishReason + "\"" : "") + "}]}\r\n\r\n";
	}

	@Test
	void contentIsNotLoggedWhenLoggingIsOff(CapturedOutput output) {
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		loggingSystem.setLogLevel("io.github.geminicomet", LogLevel.TRACE);
		try {
			this.contextRunner.run((context) -> {
				context.getBean(GeminiTemplate.class).generateText("Name a dog, please").block(TIMEOUT);
				MeterRegistry meterRegistry = context.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(meterRegistry.find("gen_ai.client.operation.duration").timer())
						.isNotNull());
			});
			assertThat(output).doesNotContain("Name a dog").doesNotContain("Rex the brave")
				.doesNotContain("log-content is on");
		}
		finally {
			loggingSystem.setLogLevel("io.github.geminicomet", null);
		}
	}

	@Test
	void withoutSpringBootMicrometerObservationNothingIsRegistered() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class,
					GeminiObservationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.micrometer.observation"))
			.withPropertyValues("cometapi.gemini.api-key=test-key", "cometapi.gemini.observations.log-content=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(GeminiTemplate.class)
				.doesNotHaveBean(ObservationHandler.class));
	}

	@Test
	void withoutActuatorOrMicrometerModulesTheTemplateStillStarts() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class,
					GeminiHealthContributorAutoConfiguration.class, GeminiObservationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health",
					"org.springframework.boot.micrometer", "org.springframework.boot.actuate", "io.micrometer.core"))
			.withPropertyValues("cometapi.gemini.api-key=test-key",
					"cometapi.gemini.base-url=http://127.0.0.1:" + wireMock.getPort())
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(GeminiTemplate.class)
					.doesNotHaveBean("geminiHealthContributor")
					.doesNotHaveBean(ObservationHandler.class);
				assertThat(context.getBean(GeminiTemplate.class).generateText("Name a dog").block(TIMEOUT))
					.isEqualTo("Rex the brave");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserHandlerConfiguration {

		@Bean
		GeminiMeterObservationHandler customHandler(MeterRegistry meterRegistry) {
			return new GeminiMeterObservationHandler(meterRegistry);
		}

	}

}
