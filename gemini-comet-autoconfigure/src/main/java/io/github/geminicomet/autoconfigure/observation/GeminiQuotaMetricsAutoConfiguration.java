package io.github.geminicomet.autoconfigure.observation;

import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.autoconfigure.GeminiAutoConfiguration;
import io.github.geminicomet.quota.QuotaLimit;
import io.github.geminicomet.quota.QuotaStatistics;

/**
 * Auto-configuration of the meters of the client-side quota ({@code gen_ai.client.quota.*}) of every
 * {@link GeminiTemplate} bean with a quota, when {@code spring-boot-micrometer-metrics} provides a
 * {@link MeterRegistry}. The meters read the template's {@link GeminiTemplate#getQuotaStatistics()} when
 * they are published; they are tagged with the template's bean name.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
@AutoConfiguration(after = GeminiAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(value = MeterRegistry.class,
		name = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBean({ MeterRegistry.class, GeminiTemplate.class })
public final class GeminiQuotaMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "geminiQuotaMeterBinder")
	MeterBinder geminiQuotaMeterBinder(ListableBeanFactory beanFactory) {
		return (registry) -> beanFactory.getBeansOfType(GeminiTemplate.class, false, false)
			.forEach((name, template) -> bind(registry, name, template));
	}

	static void bind(MeterRegistry registry, String name, GeminiTemplate template) {
		QuotaStatistics initial = template.getQuotaStatistics();
		if (!initial.enabled()) {
			return;
		}
		Tags tags = Tags.of("gemini.template", name, "gemini.quota.store", initial.store());
		FunctionCounter.builder("gen_ai.client.quota.waits", template, stat((s) -> s.waits()))
			.description("Calls that waited for room in the client-side quota")
			.tags(tags)
			.register(registry);
		FunctionCounter.builder("gen_ai.client.quota.wait.time", template, stat((s) -> s.waitTime().toNanos() / 1e9))
			.description("Total time calls waited for room in the client-side quota")
			.baseUnit("seconds")
			.tags(tags)
			.register(registry);
		for (QuotaLimit limit : QuotaLimit.values()) {
			FunctionCounter.builder("gen_ai.client.quota.rejections", template, stat((s) -> s.rejections(limit)))
				.description("Calls rejected by the client-side quota without being sent")
				.tags(tags.and("gemini.quota.limit", limit.id()))
				.register(registry);
		}
		Gauge.builder("gen_ai.client.quota.waiting", template, stat((s) -> s.waiting()))
			.description("Calls waiting for room in the client-side quota now")
			.tags(tags)
			.register(registry);
		Gauge.builder("gen_ai.client.quota.reserved.tokens", template, stat((s) -> s.reservedTokens()))
			.description("Estimated tokens reserved by calls in flight, not yet settled on their usage")
			.baseUnit("tokens")
			.tags(tags)
			.register(registry);
		Gauge.builder("gen_ai.client.quota.store.available", template, stat((s) -> s.storeAvailable() ? 1 : 0))
			.description("Whether the quota store answers (1) or the quota runs on its store failure policy (0)")
			.tags(tags)
			.register(registry);
		FunctionCounter.builder("gen_ai.client.quota.pauses", template, stat((s) -> s.pauses()))
			.description("429 answers with a retry delay that paused every caller of the quota")
			.tags(tags)
			.register(registry);
		Map<String, Long> limits = Map.of("requests-per-minute", initial.limits().requestsPerMinute(),
				"tokens-per-minute", initial.limits().tokensPerMinute());
		limits.forEach((limit, value) -> Gauge.builder("gen_ai.client.quota.limit", () -> value)
			.description("Configured limit of the client-side quota (0 for none)")
			.tags(tags.and("gemini.quota.limit", limit))
			.register(registry));
	}

	private static ToDoubleFunction<GeminiTemplate> stat(ToDoubleFunction<QuotaStatistics> value) {
		return (template) -> value.applyAsDouble(template.getQuotaStatistics());
	}

}
