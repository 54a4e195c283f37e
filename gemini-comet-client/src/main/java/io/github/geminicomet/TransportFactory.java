package io.github.geminicomet;

import java.util.List;
import java.util.Optional;

import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.SslProvider;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Assembles the HTTP side of a template once, when it is built: its own Reactor Netty client and
 * connection pool (timeouts, key header, masked wiretap), or the one of the template it was mutated
 * from while the settings baked into it are the same, and the {@link GeminiTransport} its calls take.
 */
final class TransportFactory {

	static final String API_KEY_HEADER = "x-goog-api-key";

	private TransportFactory() {
	}

	/**
	 * The settings baked into a Reactor Netty client the template creates; a variant shares the client
	 * only while they are equal. Compared, never printed.
	 */
	static Object clientSettings(GeminiTemplate.Builder builder) {
		return List.of(builder.connectTimeout, builder.readTimeout, String.valueOf(builder.apiKey),
				builder.authScheme, builder.connectionPool, builder.wiretap, Optional.ofNullable(builder.proxy), Optional.ofNullable(builder.ssl),
				Optional.ofNullable(builder.sslContext), builder.httpVersion);
	}

	static Transports create(GeminiTemplate.Builder builder, String apiKey) {
		ClientHttpConnector connector = builder.connector;
		HttpClient httpClient = null;
		ConnectionProvider ownedProvider = null;
		if (connector == null) {
			if (builder.sharedHttpClient != null && clientSettings(builder).equals(builder.sharedClientSettings)) {
				httpClient = builder.sharedHttpClient;
			}
			else {
				ownedProvider = builder.connectionPool.createProvider(builder.httpVersion != HttpVersion.HTTP_1_1);
				httpClient = createHttpClient(builder, ownedProvider, apiKey);
			}
			if (builder.transport == GeminiTemplate.Transport.REACTOR_NETTY) {
				return new Transports(new ReactorNettyTransport(httpClient, builder.defaultHeaders), httpClient,
						ownedProvider);
			}
			connector = new ReactorClientHttpConnector(httpClient);
		}
		WebClient webClient = createWebClient(builder, connector, apiKey);
		return new Transports(new WebClientTransport(webClient), httpClient, ownedProvider);
	}

	private static HttpClient createHttpClient(GeminiTemplate.Builder builder, ConnectionProvider provider,
			String apiKey) {
		AuthScheme scheme = builder.authScheme;
		HttpClient httpClient = HttpClient.create(provider)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
					(int) Math.min(Integer.MAX_VALUE, builder.connectTimeout.toMillis()))
			.responseTimeout(builder.readTimeout)
			.headers((headers) -> {
				if (scheme == AuthScheme.BEARER) {
					headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
				}
				else {
					headers.set(API_KEY_HEADER, apiKey);
				}
			});
		httpClient = withProtocol(httpClient, builder);
		ProxySettings proxy = builder.proxy;
		httpClient = (proxy != null) ? httpClient.proxy(proxy::configure) : httpClient.proxyWithSystemProperties();
		if (builder.wiretap) {
			MaskingLoggingHandler wiretap = new MaskingLoggingHandler(apiKey,
					(proxy != null) ? proxy.secrets() : new String[0]);
			httpClient = httpClient.doOnChannelInit((observer, channel, address) -> {
				if (channel.pipeline().get(NettyPipeline.SslHandler) != null) {
					channel.pipeline().addAfter(NettyPipeline.SslHandler, "gemini.wiretap", wiretap);
				}
				else {
					channel.pipeline().addFirst("gemini.wiretap", wiretap);
				}
			});
		}
		return httpClient;
	}

	/**
	 * The HTTP version and TLS of the client: Reactor Netty's defaults for HTTP/1.1 without settings, else an
	 * {@code SslContext} built for the version (ALPN offering h2 and http/1.1 for h2) from the settings.
	 */
	private static HttpClient withProtocol(HttpClient httpClient, GeminiTemplate.Builder builder) {
		HttpVersion version = builder.httpVersion;
		if (version == HttpVersion.H2C) {
			return httpClient.protocol(HttpProtocol.H2C);
		}
		HttpClient client = (version == HttpVersion.H2) ? httpClient.protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
				: httpClient;
		SslContext sslContext = builder.sslContext;
		if (sslContext != null) {
			return client.secure((spec) -> spec.sslContext(sslContext));
		}
		SslSettings ssl = builder.ssl;
		if (ssl == null && version == HttpVersion.HTTP_1_1) {
			return client;
		}
		SslSettings settings = (ssl != null) ? ssl : SslSettings.DEFAULT;
		SslProvider.ProtocolSslContextSpec spec = (version == HttpVersion.H2)
				? Http2SslContextSpec.forClient().configure(settings::configure)
				: Http11SslContextSpec.forClient().configure(settings::configure);
		return client.secure((secure) -> secure.sslContext(spec));
	}

	/**
	 * A {@link WebClient} from a clone of the given builder (never changed). With the template's own Netty
	 * client the key is added below WebClient, so no WebClient-level logging, filter or observation ever
	 * sees it; with a given connector it has to be a default header.
	 */
	private static WebClient createWebClient(GeminiTemplate.Builder builder, ClientHttpConnector connector,
			String apiKey) {
		boolean keyInWebClient = (builder.connector != null);
		AuthScheme scheme = builder.authScheme;
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(builder.defaultHeaders);
		int maxInMemorySize = builder.maxInMemorySize;
		WebClient.Builder client = (builder.webClientBuilder != null) ? builder.webClientBuilder.clone()
				: WebClient.builder();
		return client.clientConnector(connector)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(maxInMemorySize))
			.defaultHeaders((target) -> {
				target.addAll(headers);
				if (target.getFirst(HttpHeaders.USER_AGENT) == null) {
					target.set(HttpHeaders.USER_AGENT, GeminiUserAgent.VALUE);
				}
				if (keyInWebClient) {
					if (scheme == AuthScheme.BEARER) {
						target.setBearerAuth(apiKey);
					}
					else {
						target.set(API_KEY_HEADER, apiKey);
					}
				}
			})
			.build();
	}

	/**
	 * The transport of a template, the Reactor Netty client it sits on (none with a given connector), and
	 * the pool the template owns (none when shared or given).
	 */
	record Transports(GeminiTransport transport, @Nullable HttpClient httpClient,
			@Nullable ConnectionProvider ownedProvider) {
	}

}
