package io.github.geminicomet;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.geminicomet.model.GenerateContentRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.errorOf;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for web pages where {@link GeminiTemplate} expects Gemini JSON: the HTML error pages of the CDN in
 * front of the gateway, and a 200 page from a wrong base URL or a captive portal.
 *
 * @author gemini-comet
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateHtmlPageTests {

	private static final String GENERATE_URL = "/v1beta/models/gemini-3.5-flash-lite:generateContent";

	private static final String STREAM_URL = "/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse";

	/** A CDN error page the way they come: a title, then kilobytes of style and markup. */
	private static final String CDN_PAGE = """
			<!DOCTYPE html>
			<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
			<html class="no-js" lang="en-US">
			<head>
			<title>api.cometapi.com | 524: A timeout occurred</title>
			<meta charset="UTF-8" />
			<style>body{margin:0;padding:0}#cf-wrapper .cf-section{font-family:system-ui,-apple-system}</style>
			</head>
			<body><div id="cf-wrapper"><h1>A timeout occurred</h1>%s</div></body>
			</html>
			""".formatted("<p>padding</p>".repeat(400));

	private static final String UNTITLED_PAGE = "<html><body>" + "<p>x</p>".repeat(700) + "</body></html>";

	private static final String PORTAL_PAGE = """
			<!doctype html><html><head><title>Guest Wi-Fi &amp; Login</title></head>
			<body><form action="/login"><input name="room"></form></body></html>""";

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	@AutoClose
	private final GeminiTemplate template = templateBuilder(baseUrl(wireMock)).build();

	private static void stub(String url, int status, String page) {
		wireMock.stubFor(post(urlEqualTo(url))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(page)));
	}

	@ParameterizedTest
	@ValueSource(ints = { 502, 504, 520, 521, 522, 523, 524 })
	void cdnErrorPageIsShownByItsTitleAndKeptWhole(int status) {
		stub(GENERATE_URL, status, CDN_PAGE);
		Throwable error = errorOf(this.template.generateContent(GenerateContentRequest.of("Hi")));
		assertThat(error).isInstanceOf(GeminiUnavailableException.class)
			.hasMessageStartingWith("Gemini API answered " + status + " with an HTML page titled "
					+ "\"api.cometapi.com | 524: A timeout occurred\"")
			.hasMessageNotContaining("<")
			.hasMessageNotContaining("cf-wrapper")
			.hasMessageContaining("getResponseBody()");
		GeminiResponseException response = (GeminiResponseException) error;
		assertThat(response.getStatusCode().value()).isEqualTo(status);
		assertThat(response.getResponseBody()).isEqualTo(CDN_PAGE);
		if (status >= 520) {
			assertThat(error).hasMessageContaining("a CDN error");
		}
	}

	@Test
	void cdnErrorPageOnAStreamIsShownByItsTitle() {
		stub(STREAM_URL, 502, CDN_PAGE);
		Throwable error = errorOf(this.template.streamGenerateContent(GenerateContentRequest.of("Hi")));
		assertThat(error).isInstanceOf(GeminiUnavailableException.class)
			.hasMessageContaining("502 with an HTML page titled \"api.cometapi.com | 524: A timeout occurred\"")
			.hasMessageNotContaining("<style>");
		assertThat(((GeminiResponseException) error).getResponseBody()).isEqualTo(CDN_PAGE);
	}

	@Test
	void pageWithoutATitleIsShownByItsSize() {
		stub(GENERATE_URL, 504, UNTITLED_PAGE);
		Throwable error = errorOf(this.template.generateContent(GenerateContentRequest.of("Hi")));
		assertThat(error).hasMessageStartingWith("Gemini API answered 504 with an HTML page of 6 KB")
			.hasMessageNotContaining("<p>");
	}

	@Test
	void pageAnsweredWith200ToAUnaryCallNamesTheBaseUrlAndCaptivePortals() {
		stub(GENERATE_URL, 200, PORTAL_PAGE);
		Throwable error = errorOf(this.template.generateContent(GenerateContentRequest.of("Hi")));
		assertThat(error).isInstanceOf(GeminiMalformedResponseException.class)
			.hasMessageContaining("answered 200 with an HTML page titled \"Guest Wi-Fi & Login\" instead of Gemini JSON")
			.hasMessageContaining("cometapi.gemini.base-url")
			.hasMessageContaining("captive portal")
			.hasMessageNotContaining("<form");
	}

	@Test
	void pageAnsweredWith200ToAStreamNamesTheBaseUrlAndCaptivePortals() {
		stub(STREAM_URL, 200, PORTAL_PAGE);
		Throwable error = errorOf(this.template.streamGenerateContent(GenerateContentRequest.of("Hi")));
		assertThat(error).isInstanceOf(GeminiMalformedResponseException.class)
			.hasMessageContaining("with an HTML page titled \"Guest Wi-Fi & Login\" instead of Gemini JSON")
			.hasMessageContaining("captive portal");
	}

	@Test
	void jsonErrorBodyIsStillShownByItsMessage() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(aResponse().withStatus(502)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"code\":502,\"message\":\"upstream failed\",\"status\":\"UNAVAILABLE\"}}")));
		Throwable error = errorOf(this.template.generateContent(GenerateContentRequest.of("Hi")));
		assertThat(error).hasMessageStartingWith("Gemini API answered 502 UNAVAILABLE: upstream failed");
	}

}
