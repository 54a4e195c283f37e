package io.github.geminicomet.autoconfigure.health;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.CompositeReactiveHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

import io.github.geminicomet.GeminiOperations;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.autoconfigure.GeminiAutoConfiguration;
import io.github.geminicomet.health.GeminiHealthIndicator;

/**
 * Auto-configuration of the health contributor {@code gemini}, when {@code spring-boot-health} is on
 * the class path and the context holds at least one {@link GeminiTemplate}.
 *
 * <p>Like Boot's own data-source and Redis contributors: one template gives one
 * {@link GeminiHealthIndicator} named {@code gemini}; several give a composite {@code gemini} contributor
 * with one indicator per template, keyed by bean name ({@code gemini/primaryGemini}, ...), whose status
 * is the aggregate of theirs. The {@code management.health.gemini.*} properties apply to every
 * indicator. Beans that are not autowire candidates are left out.
 *
 * <p>Only {@link GeminiTemplate} beans are checked: the indicator needs what a template has and
 * {@link GeminiOperations} does not (its base URL and default model for the details, its call
 * statistics, and {@code mutate()} to probe without retries or observations). Other
 * {@code GeminiOperations} beans, such as an application's own implementation or a
 * {@code ToolCallingOperations}, are skipped; a {@code ToolCallingOperations} over a template bean is
 * covered by that template's indicator.
 *
 * <p>Switched off with {@code management.health.gemini.enabled=false}; a bean named
 * {@code geminiHealthContributor} (or {@code geminiHealthIndicator}) replaces it.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
@AutoConfiguration(after = GeminiAutoConfiguration.class)
@ConditionalOnClass({ ReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(GeminiTemplate.class)
@EnableConfigurationProperties(GeminiHealthIndicatorProperties.class)
public final class GeminiHealthContributorAutoConfiguration
		extends CompositeReactiveHealthContributorConfiguration<GeminiHealthIndicator, GeminiTemplate> {

	GeminiHealthContributorAutoConfiguration(GeminiHealthIndicatorProperties properties) {
		super((template) -> new GeminiHealthIndicator(template, properties.getModel(), properties.getTimeout(),
				properties.getCacheTimeToLive()));
	}

	// the enabled condition sits here, behind the class conditions, so that its condition class is
	// only loaded once spring-boot-health is known to be present
	@Bean
	@ConditionalOnEnabledHealthIndicator("gemini")
	@ConditionalOnMissingBean(name = { "geminiHealthIndicator", "geminiHealthContributor" })
	ReactiveHealthContributor geminiHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		return createContributor(beanFactory, GeminiTemplate.class);
	}

}
