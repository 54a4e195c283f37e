package io.github.geminicomet;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.reactivestreams.Publisher;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared setup of the {@link GeminiTemplate} tests: the fixtures under {@code template/}, a WireMock
 * server on the loopback interface, a template pointing at it, and assertions used across classes.
 */
public final class TemplateFixtures {

	/** The API key every test template sends; it must never show up anywhere but a header. */
	static final String API_KEY = "AIzaTEST-k3y-that-must-never-leak-0042";

	/** The longest any reactive assertion waits: far above what a passing test needs. */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The transport of the templates the fixtures build: {@code REACTOR_NETTY} unless the system property
	 * {@code gemini.test.transport} says otherwise (the build runs the template tests once more with
	 * {@code WEB_CLIENT}).
	 */
	static final GeminiTemplate.Transport TRANSPORT = GeminiTemplate.Transport
		.valueOf(System.getProperty("gemini.test.transport", GeminiTemplate.Transport.REACTOR_NETTY.name()));

	/** Line endings of server-sent events. */
	public static final String CRLF = "\r\n";

	public static final String LF = "\n";

	public static final String CR = "\r";

	private TemplateFixtures() {
	}

	/** A WireMock server on a random port of 127.0.0.1, reset before each test. */
	static WireMockExtension wireMock() {
		return WireMockExtension.newInstance()
			.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
			.build();
	}

	/** Answer every unary call with {@code unary/text.json} and every stream with {@code text.sse}. */
	static void stubTextAnswers(WireMockExtension wireMock) {
		wireMock.stubFor(WireMock.any(WireMock.urlPathMatching(".*:generateContent"))
			.willReturn(WireMock.okJson(fixture("unary/text.json"))));
		wireMock.stubFor(WireMock.any(WireMock.urlPathMatching(".*:streamGenerateContent"))
			.willReturn(WireMock.aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse("text.sse"))));
	}

	/** The base URL of a WireMock server, by IP so that no name is resolved. */
	static String baseUrl(WireMockExtension wireMock) {
		return "http://127.0.0.1:" + wireMock.getPort();
	}

	/**
	 * A template builder with the test key, pointing at {@code baseUrl}, without retries so that every
	 * call is exactly one exchange.
	 */
	static GeminiTemplate.Builder templateBuilder(String baseUrl) {
		return GeminiTemplate.builder()
			.apiKey(API_KEY)
			.baseUrl(baseUrl)
			.retry(RetrySettings.NONE)
			.transport(TRANSPORT);
	}

	/** A template from {@link #templateBuilder(String)} pointing at the WireMock server. */
	static GeminiTemplate template(WireMockExtension wireMock) {
		return templateBuilder(baseUrl(wireMock)).build();
	}

	/** The URI a template built on {@code baseUrl} calls for {@code model} and {@code operator}. */
	static URI uri(String baseUrl, String model, String operator) {
		return URI.create(baseUrl + "/v1beta/models/" + model + ":" + operator);
	}

	/** Read a fixture under {@code template/} as text. */
	static String fixture(String path) {
		try (InputStream input = TemplateFixtures.class.getResourceAsStream("/template/" + path)) {
			if (input == null) {
				throw new IllegalArgumentException("No fixture template/" + path);
			}
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read a stream fixture under {@code template/stream/} with the given line ending. The files hold
	 * LF line endings; the real API sends CRLF.
	 */
	public static String sse(String name, String lineEnding) {
		return fixture("stream/" + name).replace("\r\n", "\n").replace("\n", lineEnding);
	}

	/** Read a stream fixture with CRLF line endings, as the API sends them. */
	public static String sse(String name) {
		return sse(name, CRLF);
	}

	/** Frame a (possibly multi-line) JSON body as one server-sent event. */
	static String asEvent(String json) {
		return json.strip().lines().map((line) -> "data: " + line).collect(Collectors.joining("\n")) + "\n\n";
	}

	/** Return the error a publisher signals, failing if it signals none within {@link #TIMEOUT}. */
	static Throwable errorOf(Publisher<?> publisher) {
		AtomicReference<Throwable> error = new AtomicReference<>();
		StepVerifier.create(publisher).thenConsumeWhile((element) -> true).expectErrorSatisfies(error::set)
			.verify(TIMEOUT);
		return error.get();
	}

	/** Assert that the API key appears nowhere in an error: messages, causes, suppressed, stack traces. */
	static void assertKeyNotLeaked(Throwable error) {
		StringWriter trace = new StringWriter();
		error.printStackTrace(new PrintWriter(trace));
		assertThat(trace.toString()).doesNotContain(API_KEY);
		for (Throwable current = error; current != null; current = current.getCause()) {
			assertThat(String.valueOf(current.getMessage())).doesNotContain(API_KEY);
			assertThat(current.toString()).doesNotContain(API_KEY);
		}
	}

}
