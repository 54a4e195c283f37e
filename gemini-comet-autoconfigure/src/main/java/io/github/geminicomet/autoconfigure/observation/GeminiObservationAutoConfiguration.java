package io.github.geminicomet.autoconfigure.observation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.geminicomet.observation.GeminiContentLoggingObservationHandler;
import io.github.geminicomet.observation.GeminiMeterObservationHandler;

/**
 * Auto-configuration of the {@link ObservationHandler observation handlers} of Gemini calls: the
 * {@link GeminiMeterObservationHandler} (OpenTelemetry GenAI meters) when {@code spring-boot-micrometer-metrics}
 * provides a {@link MeterRegistry}, and the opt-in {@link GeminiContentLoggingObservationHandler}
 * ({@code cometapi.gemini.observations.log-content=true}). Requires
 * {@code spring-boot-micrometer-observation}, whose {@link ObservationRegistry} picks up every
 * {@link ObservationHandler} bean and is the registry the template reports to.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(value = ObservationRegistry.class,
		name = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnBean(ObservationRegistry.class)
@EnableConfigurationProperties(GeminiObservationProperties.class)
public final class GeminiObservationAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(value = MeterRegistry.class,
			name = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
	@ConditionalOnBean(MeterRegistry.class)
	static class MeterObservationHandlerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GeminiMeterObservationHandler geminiMeterObservationHandler(MeterRegistry meterRegistry) {
			return new GeminiMeterObservationHandler(meterRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("cometapi.gemini.observations.log-content")
	static class ContentLoggingConfiguration {

		private static final Log logger = LogFactory.getLog(GeminiObservationAutoConfiguration.class);

		@Bean
		@ConditionalOnMissingBean
		GeminiContentLoggingObservationHandler geminiContentLoggingObservationHandler(
				GeminiObservationProperties properties) {
			logger.warn("cometapi.gemini.observations.log-content is on: the text of Gemini prompts and answers "
					+ "will be logged (at DEBUG, under " + GeminiContentLoggingObservationHandler.class.getName()
					+ "). Prompts and answers are user data; turn this off in production.");
			return new GeminiContentLoggingObservationHandler(properties.getContentMaxLength());
		}

	}

}
