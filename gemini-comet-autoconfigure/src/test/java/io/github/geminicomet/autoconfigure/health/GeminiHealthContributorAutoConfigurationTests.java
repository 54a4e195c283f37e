package io.github.geminicomet.autoconfigure.health;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.geminicomet.GeminiOperations;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.autoconfigure.GeminiAutoConfiguration;
import io.github.geminicomet.health.GeminiHealthIndicator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link GeminiHealthContributorAutoConfiguration}.
 */
class GeminiHealthContributorAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final String MODEL = "{\"name\":\"models/gemini-2.5-flash\"}";

	@RegisterExtension
	static final WireMockExtension wireMock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class,
				GeminiHealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class))
		.withPropertyValues("cometapi.gemini.api-key=test-key",
				"cometapi.gemini.base-url=http://127.0.0.1:" + wireMock.getPort(),
				"cometapi.gemini.retry.enabled=false");

	@Test
	void healthIndicatorIsContributedAsGemini() {
		wireMock.stubFor(get(urlEqualTo("/v1beta/models/gemini-2.5-flash")).willReturn(okJson(MODEL)));
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(GeminiHealthIndicator.class).hasBean("geminiHealthIndicator");
			Object contributor = context.getBean(ReactiveHealthContributorRegistry.class).getContributor("gemini");
			assertThat(contributor).isSameAs(context.getBean(GeminiHealthIndicator.class));
			Health health = ((ReactiveHealthIndicator) contributor).health().block(TIMEOUT);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("host", "127.0.0.1")
				.containsEntry("model", "gemini-2.5-flash");
		});
	}

	@Test
	void healthIndicatorChecksWithTheConfiguredKey() {
		wireMock.stubFor(get(urlEqualTo("/v1beta/models/gemini-2.5-flash")).willReturn(aResponse().withStatus(401)));
		this.contextRunner.run((context) -> {
			Health health = context.getBean(GeminiHealthIndicator.class).health().block(TIMEOUT);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("hint", "check cometapi.gemini.api-key");
			assertThat(health.toString()).doesNotContain("test-key");
		});
	}

	@Test
	void healthIndicatorUsesHealthProperties() {
		wireMock.stubFor(get(urlEqualTo("/v1beta/models/gemini-2.5-flash-lite")).willReturn(okJson(MODEL)));
		this.contextRunner
			.withPropertyValues("management.health.gemini.model=gemini-2.5-flash-lite",
					"management.health.gemini.timeout=2s", "management.health.gemini.cache-time-to-live=1m")
			.run((context) -> {
				GeminiHealthIndicatorProperties properties = context.getBean(GeminiHealthIndicatorProperties.class);
				assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getCacheTimeToLive()).isEqualTo(Duration.ofMinutes(1));
				GeminiHealthIndicator indicator = context.getBean(GeminiHealthIndicator.class);
				Health first = indicator.health().block(TIMEOUT);
				Health second = indicator.health().block(TIMEOUT);
				assertThat(first.getStatus()).isEqualTo(Status.UP);
				assertThat(second.getDetails()).containsEntry("model", "gemini-2.5-flash-lite");
				wireMock.verify(1, getRequestedFor(urlEqualTo("/v1beta/models/gemini-2.5-flash-lite")));
			});
	}

	@Test
	void healthPropertiesHaveShortDefaults() {
		this.contextRunner.run((context) -> {
			GeminiHealthIndicatorProperties properties = context.getBean(GeminiHealthIndicatorProperties.class);
			assertThat(properties.getModel()).isNull();
			assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getCacheTimeToLive()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void healthIndicatorWhenDisabledIsAbsent() {
		this.contextRunner.withPropertyValues("management.health.gemini.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(GeminiTemplate.class)
				.doesNotHaveBean(GeminiHealthIndicator.class));
	}

	@Test
	void healthIndicatorWhenHealthDefaultsAreDisabledIsAbsent() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GeminiHealthIndicator.class));
	}

	@Test
	void healthIndicatorWhenEnabledExplicitlyDespiteDefaultsIsPresent() {
		this.contextRunner
			.withPropertyValues("management.health.defaults.enabled=false", "management.health.gemini.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(GeminiHealthIndicator.class));
	}

	@Test
	void healthIndicatorBacksOffWhenUserDefinesOneByName() {
		this.contextRunner.withUserConfiguration(UserHealthIndicatorConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(GeminiHealthIndicator.class);
			assertThat(context.getBean("geminiHealthIndicator")).isSameAs(UserHealthIndicatorConfiguration.INDICATOR);
		});
	}

	@Test
	void healthIndicatorWithoutGeminiTemplateIsAbsent() {
		this.contextRunner.withUserConfiguration(UserOperationsConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(GeminiTemplate.class)
				.doesNotHaveBean(GeminiHealthIndicator.class));
	}

	@Test
	void healthIndicatorWithoutSpringBootHealthIsAbsentAndTemplateStillStarts() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class,
					GeminiHealthContributorAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.withPropertyValues("cometapi.gemini.api-key=test-key")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(GeminiTemplate.class)
				.doesNotHaveBean("geminiHealthIndicator"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserHealthIndicatorConfiguration {

		static final ReactiveHealthIndicator INDICATOR = () -> reactor.core.publisher.Mono
			.just(Health.up().withDetail("custom", true).build());

		@Bean
		ReactiveHealthIndicator geminiHealthIndicator() {
			return INDICATOR;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserOperationsConfiguration {

		@Bean
		GeminiOperations geminiOperations() {
			return mock(GeminiOperations.class);
		}

	}

}
