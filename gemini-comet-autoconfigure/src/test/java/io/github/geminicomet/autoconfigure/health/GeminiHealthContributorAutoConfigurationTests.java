package io.github.geminicomet.autoconfigure.health;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributors;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.geminicomet.GeminiOperations;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.RetrySettings;
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

	private static final String MODEL = "{\"name\":\"models/gemini-3.5-flash-lite\"}";

	private static final String FLASH_PATH = "/v1beta/models/gemini-3.5-flash-lite";

	private static final String PRO_PATH = "/v1beta/models/gemini-2.5-pro";

	private static final String FLASH_LITE_PATH = "/v1beta/models/gemini-2.5-flash-lite";

	@RegisterExtension
	static final WireMockExtension wireMock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	// the gateway of the second template in the tests with several templates
	@RegisterExtension
	static final WireMockExtension backupWireMock = WireMockExtension.newInstance()
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
		wireMock.stubFor(get(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite")).willReturn(okJson(MODEL)));
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(GeminiHealthIndicator.class).hasBean("geminiHealthContributor");
			Object contributor = context.getBean(ReactiveHealthContributorRegistry.class).getContributor("gemini");
			assertThat(contributor).isSameAs(context.getBean(GeminiHealthIndicator.class));
			Health health = ((ReactiveHealthIndicator) contributor).health().block(TIMEOUT);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("host", "127.0.0.1")
				.containsEntry("model", "gemini-3.5-flash-lite");
		});
	}

	@Test
	void healthIndicatorChecksWithTheConfiguredKey() {
		wireMock.stubFor(get(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite")).willReturn(aResponse().withStatus(401)));
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
	void healthContributorWithSeveralTemplatesHasOneIndicatorPerBeanName() {
		wireMock.stubFor(get(urlEqualTo(FLASH_PATH)).willReturn(okJson(MODEL)));
		backupWireMock.stubFor(get(urlEqualTo(PRO_PATH)).willReturn(okJson("{\"name\":\"models/gemini-2.5-pro\"}")));
		this.contextRunner.withUserConfiguration(TwoTemplatesConfiguration.class).run((context) -> {
			assertThat(context).hasBean("geminiHealthContributor").doesNotHaveBean("geminiHealthIndicator");
			ReactiveHealthContributor contributor = context.getBean(ReactiveHealthContributorRegistry.class)
				.getContributor("gemini");
			assertThat(contributor).isSameAs(context.getBean("geminiHealthContributor"))
				.isInstanceOf(CompositeReactiveHealthContributor.class);
			CompositeReactiveHealthContributor composite = (CompositeReactiveHealthContributor) contributor;
			assertThat(composite.stream().map(ReactiveHealthContributors.Entry::name))
				.containsExactlyInAnyOrder("primaryGemini", "backupGemini");
			assertThat(composite.getContributor("primaryGemini")).isInstanceOf(GeminiHealthIndicator.class);
			assertThat(composite.getContributor("backupGemini")).isInstanceOf(GeminiHealthIndicator.class);
			Health primary = health(composite, "primaryGemini");
			Health backup = health(composite, "backupGemini");
			assertThat(primary.getStatus()).isEqualTo(Status.UP);
			assertThat(primary.getDetails()).containsEntry("model", "gemini-3.5-flash-lite");
			assertThat(backup.getStatus()).isEqualTo(Status.UP);
			assertThat(backup.getDetails()).containsEntry("model", "gemini-2.5-pro");
			// each indicator probes its own template's gateway, and only that one
			wireMock.verify(1, getRequestedFor(urlEqualTo(FLASH_PATH)));
			wireMock.verify(0, getRequestedFor(urlEqualTo(PRO_PATH)));
			backupWireMock.verify(1, getRequestedFor(urlEqualTo(PRO_PATH)));
			backupWireMock.verify(0, getRequestedFor(urlEqualTo(FLASH_PATH)));
		});
	}

	@Test
	void healthWithSeveralTemplatesWhenOneIsDownIsDownWithDetailsPerTemplate() {
		wireMock.stubFor(get(urlEqualTo(FLASH_PATH)).willReturn(okJson(MODEL)));
		backupWireMock.stubFor(get(urlEqualTo(PRO_PATH)).willReturn(aResponse().withStatus(503)));
		this.contextRunner.withUserConfiguration(TwoTemplatesConfiguration.class)
			.withConfiguration(AutoConfigurations.of(HealthEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoint.health.show-details=always")
			.run((context) -> {
				HealthDescriptor gemini = context.getBean(HealthEndpoint.class).healthForPath("gemini");
				assertThat(gemini.getStatus()).isEqualTo(Status.DOWN);
				assertThat(gemini).isInstanceOf(CompositeHealthDescriptor.class);
				Map<String, HealthDescriptor> components = ((CompositeHealthDescriptor) gemini).getComponents();
				assertThat(components).containsOnlyKeys("primaryGemini", "backupGemini");
				IndicatedHealthDescriptor primary = (IndicatedHealthDescriptor) components.get("primaryGemini");
				IndicatedHealthDescriptor backup = (IndicatedHealthDescriptor) components.get("backupGemini");
				assertThat(primary.getStatus()).isEqualTo(Status.UP);
				assertThat(primary.getDetails()).containsEntry("model", "gemini-3.5-flash-lite")
					.doesNotContainKey("httpStatus");
				assertThat(backup.getStatus()).isEqualTo(Status.DOWN);
				assertThat(backup.getDetails()).containsEntry("model", "gemini-2.5-pro")
					.containsEntry("httpStatus", 503);
				assertThat(context.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.DOWN);
				assertThat(gemini.toString()).doesNotContain("primary-key", "backup-key");
			});
	}

	@Test
	void healthContributorWithSeveralTemplatesAppliesHealthPropertiesToEach() {
		wireMock.stubFor(get(urlEqualTo(FLASH_LITE_PATH)).willReturn(okJson(MODEL)));
		backupWireMock.stubFor(get(urlEqualTo(FLASH_LITE_PATH)).willReturn(okJson(MODEL)));
		this.contextRunner.withUserConfiguration(TwoTemplatesConfiguration.class)
			.withPropertyValues("management.health.gemini.model=gemini-2.5-flash-lite",
					"management.health.gemini.cache-time-to-live=1m")
			.run((context) -> {
				CompositeReactiveHealthContributor composite = (CompositeReactiveHealthContributor) context
					.getBean("geminiHealthContributor");
				for (String name : new String[] { "primaryGemini", "backupGemini", "primaryGemini" }) {
					Health health = health(composite, name);
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					assertThat(health.getDetails()).containsEntry("model", "gemini-2.5-flash-lite");
				}
				wireMock.verify(1, getRequestedFor(urlEqualTo(FLASH_LITE_PATH)));
				backupWireMock.verify(1, getRequestedFor(urlEqualTo(FLASH_LITE_PATH)));
			});
	}

	@Test
	void healthContributorWithSeveralTemplatesBacksOffWhenUserDefinesOneByName() {
		this.contextRunner
			.withUserConfiguration(TwoTemplatesConfiguration.class, UserHealthContributorConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(GeminiHealthIndicator.class);
				assertThat(context.getBean("geminiHealthContributor"))
					.isSameAs(UserHealthContributorConfiguration.CONTRIBUTOR);
				assertThat(context.getBean(ReactiveHealthContributorRegistry.class).getContributor("gemini"))
					.isSameAs(UserHealthContributorConfiguration.CONTRIBUTOR);
			});
	}

	@Test
	void healthContributorWithSeveralTemplatesWhenDisabledIsAbsent() {
		this.contextRunner.withUserConfiguration(TwoTemplatesConfiguration.class)
			.withPropertyValues("management.health.gemini.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean("geminiHealthContributor")
					.doesNotHaveBean(GeminiHealthIndicator.class);
				assertThat(context.getBean(ReactiveHealthContributorRegistry.class).getContributor("gemini")).isNull();
			});
	}

	@Test
	void healthIndicatorChecksOnlyTemplatesAndSkipsOtherGeminiOperations() {
		wireMock.stubFor(get(urlEqualTo(FLASH_PATH)).willReturn(okJson(MODEL)));
		this.contextRunner.withUserConfiguration(TemplateAndOperationsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(GeminiHealthIndicator.class);
			Object contributor = context.getBean(ReactiveHealthContributorRegistry.class).getContributor("gemini");
			assertThat(contributor).isSameAs(context.getBean(GeminiHealthIndicator.class));
			assertThat(((ReactiveHealthIndicator) contributor).health().block(TIMEOUT).getStatus())
				.isEqualTo(Status.UP);
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
				.doesNotHaveBean("geminiHealthContributor"));
	}

	private static Health health(CompositeReactiveHealthContributor composite, String name) {
		return ((ReactiveHealthIndicator) composite.getContributor(name)).health().block(TIMEOUT);
	}

	private static GeminiTemplate template(String apiKey, WireMockExtension server, String defaultModel) {
		return GeminiTemplate.builder()
			.apiKey(apiKey)
			.baseUrl("http://127.0.0.1:" + server.getPort())
			.defaultModel(defaultModel)
			.retry(RetrySettings.NONE)
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoTemplatesConfiguration {

		@Bean
		GeminiTemplate primaryGemini() {
			return template("primary-key", wireMock, "gemini-3.5-flash-lite");
		}

		@Bean
		GeminiTemplate backupGemini() {
			return template("backup-key", backupWireMock, "gemini-2.5-pro");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TemplateAndOperationsConfiguration {

		@Bean
		GeminiTemplate geminiTemplate() {
			return template("test-key", wireMock, "gemini-3.5-flash-lite");
		}

		@Bean
		GeminiOperations customGeminiOperations() {
			return mock(GeminiOperations.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHealthContributorConfiguration {

		static final ReactiveHealthIndicator CONTRIBUTOR = () -> reactor.core.publisher.Mono
			.just(Health.up().withDetail("custom", true).build());

		@Bean
		ReactiveHealthContributor geminiHealthContributor() {
			return CONTRIBUTOR;
		}

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
