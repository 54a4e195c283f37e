package io.github.geminicomet;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.geminicomet.ResilienceTestSupport.FakeServer;
import io.github.geminicomet.autoconfigure.GeminiAutoConfiguration;

import static io.github.geminicomet.ResilienceTestSupport.API_KEY;
import static io.github.geminicomet.ResilienceTestSupport.SERVER_TIMER;
import static io.github.geminicomet.ResilienceTestSupport.TIMEOUT;
import static io.github.geminicomet.ResilienceTestSupport.answer;
import static io.github.geminicomet.ResilienceTestSupport.drain;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the concurrency limit of {@link GeminiTemplate} set through properties.
 *
 * @author gemini-comet
 */
class GeminiConcurrencyLimitPropertiesTests {

	@Test
	void propertiesConfigureTheLimit() {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "application/json")
			.sendString(drain(request).then(Mono.delay(Duration.ofMillis(300), SERVER_TIMER)).thenReturn(answer("Hi"))))) {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class))
				.withPropertyValues("cometapi.gemini.api-key=" + API_KEY, "cometapi.gemini.base-url=" + server.baseUrl(),
						"cometapi.gemini.max-concurrent-requests=2", "cometapi.gemini.max-queued-requests=0")
				.run((context) -> {
					GeminiTemplate template = context.getBean(GeminiTemplate.class);
					List<Object> outcomes = Flux.range(0, 3)
						.flatMap((i) -> template.generateText("Hello").cast(Object.class)
							.onErrorResume(GeminiConcurrencyLimitException.class, Mono::just), 3)
						.collectList()
						.block(TIMEOUT);
					assertThat(outcomes).filteredOn(GeminiConcurrencyLimitException.class::isInstance).hasSize(1);
					assertThat(outcomes).filteredOn("Hi"::equals).hasSize(2);
				});
		}
	}

}
