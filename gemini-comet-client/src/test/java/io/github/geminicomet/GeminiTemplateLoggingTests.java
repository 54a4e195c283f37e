package io.github.geminicomet;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

import io.github.geminicomet.model.GenerateContentRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.geminicomet.TemplateFixtures.API_KEY;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.fixture;
import static io.github.geminicomet.TemplateFixtures.sse;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiTemplate}: the API key never shows up in a log line, not even with every
 * HTTP logger at TRACE and the wiretap on.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateLoggingTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final List<String> CATEGORIES = List.of("io.github.geminicomet", "reactor", "io.netty",
			"org.springframework");

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	private Map<Logger, Level> previousLevels;

	@BeforeEach
	void captureLogs() {
		this.logged.start();
		this.previousLevels = CATEGORIES.stream()
			.map((name) -> (Logger) LoggerFactory.getLogger(name))
			.collect(Collectors.toMap(Function.identity(), (logger) -> (logger.getLevel() != null) ? logger.getLevel()
					: Level.OFF));
		this.previousLevels.keySet().forEach((logger) -> {
			logger.setLevel(Level.TRACE);
			logger.setAdditive(false);
			logger.addAppender(this.logged);
		});
		wireMock.stubFor(any(urlPathMatching(".*:generateContent")).willReturn(okJson(fixture("unary/text.json"))));
		wireMock.stubFor(any(urlPathMatching(".*:streamGenerateContent"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse("text.sse"))));
	}

	@AfterEach
	void restoreLogs() {
		this.previousLevels.forEach((logger, level) -> {
			logger.detachAppender(this.logged);
			logger.setAdditive(true);
			logger.setLevel((level != Level.OFF) ? level : null);
		});
		this.logged.stop();
	}

	@ParameterizedTest
	@EnumSource(AuthScheme.class)
	void wiretapLogsTheExchangeWithTheKeyMasked(AuthScheme scheme) {
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).authScheme(scheme).wiretap(true).build()) {
			StepVerifier.create(template.generateContent(GenerateContentRequest.of("Hello")))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(template.streamText("Hello")).expectNextCount(3).expectComplete().verify(TIMEOUT);
		}
		List<String> lines = loggedLines();
		assertThat(lines).noneMatch((line) -> line.contains(API_KEY));
		String header = (scheme == AuthScheme.BEARER) ? "Authorization: Bearer ******" : "x-goog-api-key: ******";
		assertThat(lines).anyMatch((line) -> line.contains(header));
		assertThat(lines).anyMatch((line) -> line.contains(":streamGenerateContent?alt=sse"));
	}

	@ParameterizedTest
	@EnumSource(AuthScheme.class)
	void traceLoggingWithoutWiretapNeverLogsTheKey(AuthScheme scheme) {
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).authScheme(scheme).build()) {
			StepVerifier.create(template.generateText("Hello")).expectNextCount(1).expectComplete().verify(TIMEOUT);
		}
		assertThat(loggedLines()).isNotEmpty().noneMatch((line) -> line.contains(API_KEY));
	}

	/** Copy the log lines so far; event loops may still be logging (the appender locks on itself). */
	private List<String> loggedLines() {
		synchronized (this.logged) {
			return this.logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		}
	}

}
