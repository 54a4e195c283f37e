package io.github.geminicomet.sample;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Offline mode: when neither {@code cometapi.gemini.api-key} nor the {@code COMETAPI_KEY} environment
 * variable is set (and {@code cometapi.gemini.base-url} is not set either), points the application at an
 * embedded fake Gemini, {@link OfflineGemini}, instead of letting it stop for want of a key. With a key
 * it does nothing.
 *
 * <p>The fake is offered through a property source placed first (so that it also outranks a blank
 * {@code --cometapi.gemini.api-key=}), and starts only when {@code cometapi.gemini.base-url} is first read
 * from it: a test that puts its own base URL in front of it later (such as
 * {@code @AutoConfigureGeminiStub}) never starts it, and neither does the AOT processing of the build.
 * This is the sample's own convenience: an application built on the starter still fails fast, with the
 * failure analyzer's message, when it has no key.
 *
 * @author gemini-comet
 */
public class OfflineGeminiEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Create the post-processor (instantiated by Spring Boot from {@code META-INF/spring.factories}).
	 */
	public OfflineGeminiEnvironmentPostProcessor() {
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (isSet(environment, "cometapi.gemini.api-key") || isSet(environment, "COMETAPI_KEY")
				|| isSet(environment, "cometapi.gemini.base-url")) {
			return;
		}
		OfflineGemini offline = new OfflineGemini();
		environment.getPropertySources().addFirst(new OfflineGemini.OfflinePropertySource(offline));
		application.addListeners(offline);
	}

	private static boolean isSet(ConfigurableEnvironment environment, String name) {
		try {
			return StringUtils.hasText(environment.getProperty(name));
		}
		catch (IllegalArgumentException ex) {
			// an unresolvable placeholder, such as api-key: ${COMETAPI_KEY} without the variable
			return false;
		}
	}

	/**
	 * After the config data (application.yml, profiles, command line) is in the environment.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
