package io.github.geminicomet;

import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.proxy.ProxyConnectException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.core.JacksonException;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;

import io.github.geminicomet.codec.ServerSentEventParser;

/**
 * Maps the failure of one attempt to a {@link GeminiException} that names what went wrong and the
 * setting to change: timeouts, size limits, invalid JSON, connections refused or cut.
 */
final class FailureTranslator {

	private final int maxInMemorySize;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final @Nullable Duration firstByteTimeout;

	FailureTranslator(int maxInMemorySize, Duration connectTimeout, Duration readTimeout,
			@Nullable Duration firstByteTimeout) {
		this.maxInMemorySize = maxInMemorySize;
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.firstByteTimeout = firstByteTimeout;
	}

	/**
	 * Map a failure of one attempt; {@code events} is how many stream events arrived before it ({@code -1}
	 * for a unary call), and {@code beforeResponse} whether it happened before the response's status line
	 * arrived (so, unless it is a read timeout, the request may not have reached the server).
	 */
	Throwable translate(Throwable ex, HttpMethod method, URI uri, int events, boolean beforeResponse) {
		if (ex instanceof GeminiException) {
			return ex;
		}
		if (ex instanceof ServerSentEventParser.EventTooLargeException) {
			return new GeminiMalformedResponseException(ex.getMessage() + " (raise it with cometapi.gemini.max-event-size "
					+ "or the template builder's maxEventSize)", method, uri, ex);
		}
		if (ex instanceof DataBufferLimitException) {
			return new GeminiMalformedResponseException("The response body exceeded the limit of "
					+ this.maxInMemorySize + " bytes (raise it with cometapi.gemini.max-in-memory-size or the template "
					+ "builder's maxInMemorySize)", method, uri, ex);
		}
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		if (cause instanceof JacksonException jackson) {
			return new GeminiMalformedResponseException(
					"Gemini sent a response that is not valid JSON: " + jackson.getOriginalMessage(), method, uri, ex);
		}
		String reason = describe(cause);
		if (events > 0) {
			return new GeminiIncompleteStreamException("The stream broke off after " + events + " events: " + reason,
					method, uri, events, ex);
		}
		if (cause instanceof TimeoutException && events == 0 && this.firstByteTimeout != null) {
			return new GeminiRequestException("No event arrived within the first-byte timeout of "
					+ this.firstByteTimeout + " (cometapi.gemini.first-byte-timeout)", method, uri, ex);
		}
		String tls = describeTlsFailure(ex);
		if (tls != null) {
			// not retried either: the next handshake meets the same certificate
			return new GeminiRequestException(tls, method, uri, ex);
		}
		if (cause instanceof ProxyConnectException) {
			// not a connection failure to retry: the proxy answered, and will answer the same again
			return new GeminiRequestException(describeProxyFailure(cause), method, uri, ex);
		}
		if (beforeResponse && !(cause instanceof ReadTimeoutException)) {
			GeminiRequestException failure = new GeminiRequestException("Request to Gemini failed: " + reason,
					method, uri, ex);
			failure.markConnectionFailure();
			return failure;
		}
		if (events == 0 && cause instanceof PrematureCloseException) {
			return new GeminiIncompleteStreamException("The stream broke off before its first event: " + reason,
					method, uri, 0, ex);
		}
		return new GeminiRequestException("Request to Gemini failed: " + reason, method, uri, ex);
	}

	/**
	 * Netty's message names the proxy, its kind and the target ("http, basic, /10.0.0.1:3128 =&gt;
	 * api.cometapi.com:443, status: 407 Proxy Authentication Required"), never the credentials.
	 */
	private static String describeProxyFailure(Throwable cause) {
		String message = String.valueOf(cause.getMessage());
		String advice;
		if (message.contains("status: 407") || message.contains("status: 401") || message.contains("authStatus")) {
			advice = "the proxy did not accept its username and password: check cometapi.gemini.proxy.username "
					+ "and cometapi.gemini.proxy.password (or the builder's proxy(...)); the Gemini API key "
					+ "played no part in this";
		}
		else {
			advice = "check the proxy's address (cometapi.gemini.proxy.host and port, or the JVM's "
					+ "https.proxyHost) and that it lets this client through";
		}
		return "Could not reach Gemini through the proxy (" + message + "): " + advice;
	}

	/**
	 * A failed TLS handshake in words a user can act on: a certificate not trusted (a private CA, a
	 * self-signed gateway, a proxy that inspects TLS), or one issued for another host; {@code null} when the
	 * failure is not one.
	 */
	private static @Nullable String describeTlsFailure(Throwable ex) {
		SSLHandshakeException handshake = null;
		boolean untrusted = false;
		boolean otherHost = false;
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof SSLHandshakeException found && handshake == null) {
				handshake = found;
			}
			String message = String.valueOf(current.getMessage());
			untrusted |= current instanceof CertPathBuilderException || current instanceof CertPathValidatorException
					|| message.contains("unable to find valid certification path")
					|| message.contains("PKIX path");
			otherHost |= message.contains("No subject alternative") || message.contains("No name matching");
			if (current.getCause() == current) {
				break;
			}
		}
		if (handshake == null) {
			return null;
		}
		if (otherHost) {
			return "The gateway's TLS certificate was issued for another host (" + handshake.getMessage()
					+ "): check cometapi.gemini.base-url, or the proxy in between";
		}
		if (untrusted) {
			return "The gateway's TLS certificate is not trusted (" + handshake.getMessage() + "): if the gateway "
					+ "or a TLS-inspecting proxy uses a private CA, trust it with cometapi.gemini.ssl.bundle (a Spring "
					+ "Boot SSL bundle, spring.ssl.bundle.*) or the builder's ssl(SslSettings.trust(...))";
		}
		return "The TLS handshake with the gateway failed (" + handshake.getMessage() + "): check the TLS settings "
				+ "(cometapi.gemini.ssl.bundle, or the builder's ssl(...) or sslContext(...))";
	}

	private String describe(Throwable cause) {
		if (cause instanceof ReadTimeoutException) {
			return "no data received within the read timeout of " + this.readTimeout
					+ " (cometapi.gemini.read-timeout)";
		}
		if (cause instanceof ConnectTimeoutException) {
			return "could not connect within the connect timeout of " + this.connectTimeout
					+ " (cometapi.gemini.connect-timeout)";
		}
		if (cause instanceof PrematureCloseException) {
			return "the connection was closed before the response was complete";
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
