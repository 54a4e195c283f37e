package io.github.geminicomet.sample;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.EnumerablePropertySource;

import io.github.geminicomet.test.GeminiStub;
import io.github.geminicomet.test.PlausibleResponder;

/**
 * The embedded fake Gemini of the offline mode: a {@link GeminiStub} from {@code gemini-comet-test} on a
 * random loopback port, answering every request plausibly ({@link PlausibleResponder}). Started on first
 * use, announced with a banner once the application is ready, closed with the application.
 *
 * @author gemini-comet
 */
final class OfflineGemini implements SmartApplicationListener {

	/**
	 * The key the application sends to the fake (which accepts any).
	 */
	static final String PLACEHOLDER_KEY = "offline-placeholder-key";

	static final String PROPERTY_SOURCE_NAME = "offlineGemini";

	private static final Log logger = LogFactory.getLog(OfflineGemini.class);

	private @Nullable GeminiStub stub;

	synchronized String baseUrl() {
		if (this.stub == null) {
			this.stub = GeminiStub.start()
				.answerWith(new PlausibleResponder().withChunkDelay(Duration.ofMillis(35))
					.withNote("(Set COMETAPI_KEY to talk to the real Gemini.)"));
		}
		return this.stub.baseUrl();
	}

	synchronized boolean isStarted() {
		return this.stub != null;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationReadyEvent.class.isAssignableFrom(eventType)
				|| ApplicationFailedEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent ready && isStarted()) {
			String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
			logger.warn(banner(port));
		}
		else if (event instanceof ApplicationFailedEvent
				|| (event instanceof ContextClosedEvent closed && closed.getApplicationContext().getParent() == null)) {
			close();
		}
	}

	String banner(String port) {
		String line = "=".repeat(78);
		return "\n" + line + "\n"
				+ "  OFFLINE MODE: no CometAPI key is set (neither COMETAPI_KEY nor cometapi.gemini.api-key).\n"
				+ "  Gemini's answers come from an embedded fake server, " + baseUrl() + "\n"
				+ "  (GeminiStub from gemini-comet-test): made up, but every endpoint works end to end.\n"
				+ "  Open http://localhost:" + port + "/ and chat.\n\n"
				+ "  For the real model, stop the app, set your key and start it again:\n"
				+ "      COMETAPI_KEY=sk-your-key ./mvnw -pl sample-app spring-boot:run\n"
				+ line;
	}

	private synchronized void close() {
		if (this.stub != null) {
			this.stub.close();
			this.stub = null;
		}
	}

	/**
	 * Offers the fake's base URL, a placeholder key and {@code sample.offline} (whether the fake runs);
	 * reading the base URL starts the fake.
	 */
	static final class OfflinePropertySource extends EnumerablePropertySource<OfflineGemini> {

		private static final String[] NAMES = { "cometapi.gemini.base-url", "cometapi.gemini.api-key",
				"sample.offline" };

		OfflinePropertySource(OfflineGemini offline) {
			super(PROPERTY_SOURCE_NAME, offline);
		}

		@Override
		public String[] getPropertyNames() {
			return NAMES.clone();
		}

		@Override
		public @Nullable Object getProperty(String name) {
			return switch (name) {
				case "cometapi.gemini.base-url" -> getSource().baseUrl();
				case "cometapi.gemini.api-key" -> PLACEHOLDER_KEY;
				case "sample.offline" -> Boolean.toString(getSource().isStarted());
				default -> null;
			};
		}

	}

}
