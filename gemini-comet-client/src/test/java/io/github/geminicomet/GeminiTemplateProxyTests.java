package io.github.geminicomet;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import io.github.geminicomet.GeminiTemplate.Transport;
import io.github.geminicomet.model.GenerateContentRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.TemplateFixtures.API_KEY;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.errorOf;
import static io.github.geminicomet.TemplateFixtures.fixture;
import static io.github.geminicomet.TemplateFixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiTemplate} behind a proxy: a real {@code tinyproxy} (HTTP) and a real
 * {@code microsocks} (SOCKS5) started on free loopback ports, with and without authentication, set through {@link ProxySettings} or the JVM's proxy system
 * properties, on both transports. The proxy's log proves each call went through it.
 *
 * @author gemini-comet
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateProxyTests {

	private static final String UNARY_PATH = "/v1beta/models/gemini-3.5-flash-lite:generateContent";

	private static final String STREAM_PATH = "/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse";

	private static final String PROXY_USER = "alice";

	private static final String PROXY_PASSWORD = "pr0xy-Passw0rd-never-shown";

	@RegisterExtension
	static WireMockExtension wireMock = TemplateFixtures.wireMock();

	@AutoClose
	private TinyProxy proxy;

	@BeforeEach
	void stub() {
		wireMock.stubFor(post(urlEqualTo(UNARY_PATH)).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody(fixture("unary/text.json"))));
		wireMock.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(aResponse()
			.withHeader("Content-Type", "text/event-stream")
			.withBody(sse("text.sse"))));
	}

	private GeminiTemplate.Builder builder(Transport transport) {
		return GeminiTemplate.builder()
			.apiKey(API_KEY)
			.baseUrl(baseUrl(wireMock))
			.retry(RetrySettings.NONE)
			.transport(transport);
	}

	private void callUnaryAndStream(GeminiTemplate template) {
		assertThat(template.generateText("Hi").block(TIMEOUT)).isNotEmpty();
		assertThat(template.streamGenerateContent(GenerateContentRequest.of("Hi")).collectList().block(TIMEOUT))
			.isNotEmpty();
		wireMock.verify(1, postRequestedFor(urlEqualTo(UNARY_PATH)).withHeader("x-goog-api-key", equalTo(API_KEY)));
		wireMock.verify(1, postRequestedFor(urlEqualTo(STREAM_PATH)));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void callsGoThroughAnHttpProxy(Transport transport) {
		this.proxy = TinyProxy.start();
		try (GeminiTemplate template = builder(transport).proxy(ProxySettings.http("127.0.0.1", this.proxy.port()))
			.build()) {
			callUnaryAndStream(template);
		}
		assertThat(this.proxy.requestsTo(wireMock.getPort())).as(this.proxy.log()).isGreaterThanOrEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void callsGoThroughAProxyThatAsksForAPassword(Transport transport) {
		this.proxy = TinyProxy.start(PROXY_USER, PROXY_PASSWORD);
		try (GeminiTemplate template = builder(transport)
			.proxy(ProxySettings.http("127.0.0.1", this.proxy.port()).withCredentials(PROXY_USER, PROXY_PASSWORD))
			.build()) {
			callUnaryAndStream(template);
		}
		assertThat(this.proxy.requestsTo(wireMock.getPort())).as(this.proxy.log()).isGreaterThanOrEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void wrongProxyPasswordFailsNamingTheProxyNotTheKey(Transport transport) {
		this.proxy = TinyProxy.start(PROXY_USER, PROXY_PASSWORD);
		String wrong = "wrong-" + PROXY_PASSWORD;
		try (GeminiTemplate template = builder(transport)
			.proxy(ProxySettings.http("127.0.0.1", this.proxy.port()).withCredentials(PROXY_USER, wrong))
			.build()) {
			Throwable error = errorOf(template.generateContent(GenerateContentRequest.of("Hi")));
			assertThat(error).isInstanceOf(GeminiRequestException.class)
				.hasMessageContaining("through the proxy")
				.hasMessageContaining("127.0.0.1:" + this.proxy.port())
				.hasMessageContaining("did not accept its username and password")
				.hasMessageContaining("cometapi.gemini.proxy.password")
				.hasMessageContaining("API key played no part");
			assertThat(((GeminiRequestException) error).isConnectionFailure()).isFalse();
			StringWriter trace = new StringWriter();
			error.printStackTrace(new PrintWriter(trace));
			assertThat(trace.toString()).doesNotContain(PROXY_PASSWORD).doesNotContain(API_KEY);
		}
		wireMock.verify(0, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void callsGoThroughASocks5Proxy(Transport transport) {
		try (MicroSocks socks = MicroSocks.start();
				GeminiTemplate template = builder(transport)
					.proxy(ProxySettings.socks5("127.0.0.1", socks.port()))
					.build()) {
			callUnaryAndStream(template);
			assertThat(socks.connectionsTo(wireMock.getPort())).as(socks.log()).isGreaterThanOrEqualTo(1);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void callsGoThroughASocks5ProxyThatAsksForAPassword(Transport transport) {
		try (MicroSocks socks = MicroSocks.start(PROXY_USER, PROXY_PASSWORD);
				GeminiTemplate template = builder(transport)
					.proxy(ProxySettings.socks5("127.0.0.1", socks.port()).withCredentials(PROXY_USER, PROXY_PASSWORD))
					.build()) {
			callUnaryAndStream(template);
			assertThat(socks.connectionsTo(wireMock.getPort())).as(socks.log()).isGreaterThanOrEqualTo(1);
		}
	}

	@Test
	void wrongSocks5PasswordFailsNamingTheProxyNotTheKey() {
		String wrong = "wrong-" + PROXY_PASSWORD;
		try (MicroSocks socks = MicroSocks.start(PROXY_USER, PROXY_PASSWORD);
				GeminiTemplate template = builder(Transport.REACTOR_NETTY)
					.proxy(ProxySettings.socks5("127.0.0.1", socks.port()).withCredentials(PROXY_USER, wrong))
					.build()) {
			Throwable error = errorOf(template.generateContent(GenerateContentRequest.of("Hi")));
			assertThat(error).isInstanceOf(GeminiRequestException.class)
				.hasMessageContaining("through the proxy")
				.hasMessageContaining("socks5")
				.hasMessageContaining("127.0.0.1:" + socks.port())
				.hasMessageContaining("did not accept its username and password")
				.hasMessageContaining("API key played no part");
			StringWriter trace = new StringWriter();
			error.printStackTrace(new PrintWriter(trace));
			assertThat(trace.toString()).doesNotContain(PROXY_PASSWORD).doesNotContain(wrong).doesNotContain(API_KEY);
			assertThat(socks.connectionsTo(wireMock.getPort())).isZero();
		}
		wireMock.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void hostsListedAsNonProxyHostsAreReachedDirectly() {
		this.proxy = TinyProxy.start();
		try (GeminiTemplate template = builder(Transport.REACTOR_NETTY)
			.proxy(ProxySettings.http("127.0.0.1", this.proxy.port()).withNonProxyHosts("example.invalid", "127.0.*"))
			.build()) {
			callUnaryAndStream(template);
		}
		assertThat(this.proxy.requestsTo(wireMock.getPort())).isZero();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void withoutProxySettingsTheJvmProxySystemPropertiesApply(Transport transport) {
		this.proxy = TinyProxy.start();
		Properties saved = (Properties) System.getProperties().clone();
		Map<String, String> properties = Map.of("http.proxyHost", "127.0.0.1", "http.proxyPort",
				String.valueOf(this.proxy.port()), "http.nonProxyHosts", "example.invalid");
		properties.forEach(System::setProperty);
		try (GeminiTemplate template = builder(transport).build()) {
			callUnaryAndStream(template);
		}
		finally {
			for (String name : properties.keySet()) {
				if (saved.containsKey(name)) {
					System.setProperty(name, saved.getProperty(name));
				}
				else {
					System.clearProperty(name);
				}
			}
		}
		assertThat(this.proxy.requestsTo(wireMock.getPort())).as(this.proxy.log()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void wiretapAndTraceLoggingNeverShowTheProxyPassword() {
		this.proxy = TinyProxy.start(PROXY_USER, PROXY_PASSWORD);
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		List<Logger> loggers = Stream.of("io.github.geminicomet", "reactor", "io.netty")
			.map((name) -> (Logger) LoggerFactory.getLogger(name))
			.toList();
		Map<Logger, Level> levels = new HashMap<>();
		loggers.forEach((logger) -> {
			levels.put(logger, logger.getLevel());
			logger.setLevel(Level.TRACE);
			logger.setAdditive(false);
			logger.addAppender(logged);
		});
		try (GeminiTemplate template = builder(Transport.REACTOR_NETTY).wiretap(true)
			.proxy(ProxySettings.http("127.0.0.1", this.proxy.port()).withCredentials(PROXY_USER, PROXY_PASSWORD))
			.build()) {
			callUnaryAndStream(template);
		}
		finally {
			loggers.forEach((logger) -> {
				logger.detachAppender(logged);
				logger.setAdditive(true);
				logger.setLevel(levels.get(logger));
			});
		}
		String basic = Base64.getEncoder()
			.encodeToString((PROXY_USER + ":" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8));
		List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		assertThat(lines).anyMatch((line) -> line.contains("CONNECT 127.0.0.1:" + wireMock.getPort()))
			.anyMatch((line) -> line.toLowerCase(Locale.ROOT).contains("proxy-authorization: basic ******"));
		assertThat(lines).noneMatch((line) -> line.contains(PROXY_PASSWORD) || line.contains(basic)
				|| line.contains(API_KEY));
	}

	@Test
	void proxySettingsNeverShowThePassword() {
		ProxySettings settings = ProxySettings.socks5("proxy.corp.example", 1080)
			.withCredentials(PROXY_USER, PROXY_PASSWORD)
			.withNonProxyHosts("*.internal");
		assertThat(settings.toString()).doesNotContain(PROXY_PASSWORD).contains("proxy.corp.example", "1080", "******");
		assertThat(settings.nonProxyHosts()).isEqualTo(List.of("*.internal"));
	}

}
