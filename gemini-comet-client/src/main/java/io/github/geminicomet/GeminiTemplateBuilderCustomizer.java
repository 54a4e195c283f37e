package io.github.geminicomet;

/**
 * Callback that customizes the {@link GeminiTemplate.Builder} used to build the auto-configured
 * {@link GeminiTemplate}. Applied after the properties, in {@code @Order}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
@FunctionalInterface
public interface GeminiTemplateBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder to customize
	 */
	void customize(GeminiTemplate.Builder builder);

}
