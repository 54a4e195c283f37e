package io.github.geminicomet.test;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * {@link ContextCustomizerFactory} for {@link AutoConfigureGeminiStub @AutoConfigureGeminiStub}.
 *
 * @author gemini-comet
 */
class GeminiStubContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, AutoConfigureGeminiStub.class)
				? new GeminiStubContextCustomizer() : null;
	}

	/**
	 * Starts the stub, registers it as a bean and points the Gemini properties at it.
	 */
	static final class GeminiStubContextCustomizer implements ContextCustomizer {

		static final String PROPERTY_SOURCE_NAME = "geminiStub";

		static final String BEAN_NAME = "geminiStub";

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			GeminiStub stub = GeminiStub.start();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("cometapi.gemini.base-url", stub.baseUrl(),
						"cometapi.gemini.api-key", GeminiStub.API_KEY)));
			context.getBeanFactory().registerSingleton(BEAN_NAME, stub);
			context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> {
				if (event.getApplicationContext() == context) {
					stub.close();
				}
			});
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other != null && other.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return getClass().hashCode();
		}

	}

}
