package io.github.geminicomet.autoconfigure.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.autoconfigure.GeminiAutoConfiguration;
import io.github.geminicomet.health.GeminiHealthIndicator;

/**
 * Auto-configuration of the {@link GeminiHealthIndicator} (health contributor {@code gemini}), when
 * {@code spring-boot-health} is on the class path and the context holds one {@link GeminiTemplate}.
 * Switched off with {@code management.health.gemini.enabled=false}; a bean named
 * {@code geminiHealthIndicator} replaces it.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
@AutoConfiguration(after = GeminiAutoConfiguration.class)
@ConditionalOnClass({ ReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnSingleCandidate(GeminiTemplate.class)
@EnableConfigurationProperties(GeminiHealthIndicatorProperties.class)
public final class GeminiHealthContributorAutoConfiguration {

	// the enabled condition sits here, behind the class conditions, so that its condition class is
	// only loaded once spring-boot-health is known to be present
	@Bean
	@ConditionalOnEnabledHealthIndicator("gemini")
	@ConditionalOnMissingBean(name = "geminiHealthIndicator")
	GeminiHealthIndicator geminiHealthIndicator(GeminiTemplate geminiTemplate,
			GeminiHealthIndicatorProperties properties) {
		return new GeminiHealthIndicator(geminiTemplate, properties.getModel(), properties.getTimeout(),
				properties.getCacheTimeToLive());
	}

}
