package io.github.geminicomet;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.netty.transport.ProxyProvider;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The proxy a {@link GeminiTemplate} reaches the gateway through: an HTTP proxy (tunnelled with
 * {@code CONNECT}) or a SOCKS5 proxy, optionally with a username and password, and the hosts reached
 * directly. Without one, a template follows the JVM's standard proxy system properties
 * ({@code https.proxyHost}, {@code http.proxyHost}, {@code socksProxyHost}, {@code http.nonProxyHosts},
 * ...), as Reactor Netty reads them. The password never shows in {@link #toString()}.
 *
 * <pre class="code">
 * GeminiTemplate.builder()
 *     .proxy(ProxySettings.http("proxy.corp.example", 3128).withCredentials("me", secret))
 *     ...
 * </pre>
 *
 * @param type the kind of proxy
 * @param host the host name or IP address of the proxy
 * @param port the port of the proxy
 * @param username the user the proxy authenticates, or {@code null} for none
 * @param password the password of that user, or {@code null} for none
 * @param nonProxyHosts hosts reached without the proxy: names or addresses, {@code *} matching any
 * characters ({@code localhost}, {@code *.internal.example}, {@code 10.*}), as in {@code http.nonProxyHosts}
 * @author gemini-comet
 * @since 0.2.0
 */
public record ProxySettings(Type type, String host, int port, @Nullable String username, @Nullable String password,
		List<String> nonProxyHosts) {

	/**
	 * Create new settings, checking the values.
	 */
	public ProxySettings {
		Assert.notNull(type, "'type' must not be null");
		Assert.hasText(host, "'host' must not be empty");
		Assert.isTrue(port > 0 && port <= 65535, () -> "'port' must be between 1 and 65535, not " + port);
		Assert.isTrue(password == null || StringUtils.hasText(username),
				"a proxy 'password' needs a 'username'");
		nonProxyHosts = List.copyOf(nonProxyHosts);
	}

	/**
	 * An HTTP proxy without authentication, used for every host.
	 * @param host the host of the proxy
	 * @param port the port of the proxy
	 * @return the settings
	 */
	public static ProxySettings http(String host, int port) {
		return new ProxySettings(Type.HTTP, host, port, null, null, List.of());
	}

	/**
	 * A SOCKS5 proxy without authentication, used for every host.
	 * @param host the host of the proxy
	 * @param port the port of the proxy
	 * @return the settings
	 */
	public static ProxySettings socks5(String host, int port) {
		return new ProxySettings(Type.SOCKS5, host, port, null, null, List.of());
	}

	/**
	 * Return these settings with a username and password for the proxy.
	 * @param username the user
	 * @param password the password
	 * @return new settings
	 */
	public ProxySettings withCredentials(String username, String password) {
		Assert.hasText(username, "'username' must not be empty");
		Assert.notNull(password, "'password' must not be null");
		return new ProxySettings(this.type, this.host, this.port, username, password, this.nonProxyHosts);
	}

	/**
	 * Return these settings with hosts reached without the proxy.
	 * @param nonProxyHosts names or addresses, {@code *} matching any characters
	 * @return new settings
	 */
	public ProxySettings withNonProxyHosts(String... nonProxyHosts) {
		return new ProxySettings(this.type, this.host, this.port, this.username, this.password,
				List.of(nonProxyHosts));
	}

	/**
	 * Apply these settings to Reactor Netty's proxy specification.
	 */
	ProxyProvider.Builder configure(ProxyProvider.TypeSpec spec) {
		ProxyProvider.Builder builder = spec
			.type((this.type == Type.SOCKS5) ? ProxyProvider.Proxy.SOCKS5 : ProxyProvider.Proxy.HTTP)
			.host(this.host)
			.port(this.port)
			.nonProxyHostsPredicate(nonProxyHostsPredicate(this.nonProxyHosts));
		if (this.username != null) {
			String secret = (this.password != null) ? this.password : "";
			builder.username(this.username).password((user) -> secret);
		}
		return builder;
	}

	/**
	 * Describe the proxy for messages: its type and address, never its credentials.
	 * @return such as {@code HTTP proxy 10.0.0.1:3128}
	 */
	String describe() {
		return this.type.name() + " proxy " + this.host + ":" + this.port;
	}

	/**
	 * The secrets a wiretap must hide: the password, and the {@code Proxy-Authorization} value made of it.
	 */
	String[] secrets() {
		if (this.username == null || !StringUtils.hasText(this.password)) {
			return new String[0];
		}
		String basic = Base64.getEncoder()
			.encodeToString((this.username + ":" + this.password).getBytes(StandardCharsets.UTF_8));
		return new String[] { basic, this.password };
	}

	private static Predicate<SocketAddress> nonProxyHostsPredicate(List<String> hosts) {
		if (hosts.isEmpty()) {
			return (address) -> false;
		}
		Pattern pattern = Pattern.compile(String.join("|", hosts.stream()
			.map((host) -> host.strip().toLowerCase(Locale.ROOT))
			.filter(StringUtils::hasText)
			.map((host) -> "\\Q" + host.replace("*", "\\E.*\\Q") + "\\E")
			.toList()));
		return (address) -> (address instanceof InetSocketAddress inet)
				&& pattern.matcher(inet.getHostString().toLowerCase(Locale.ROOT)).matches();
	}

	@Override
	public String toString() {
		return "ProxySettings[type=" + this.type + ", host=" + this.host + ", port=" + this.port + ", username="
				+ this.username + ", password=" + ((this.password != null) ? "******" : null) + ", nonProxyHosts="
				+ this.nonProxyHosts + "]";
	}

	/**
	 * The kinds of proxy.
	 *
	 * @since 0.2.0
	 */
	public enum Type {

		/**
		 * An HTTP proxy; every connection is tunnelled with {@code CONNECT}.
		 */
		HTTP,

		/**
		 * A SOCKS5 proxy.
		 */
		SOCKS5

	}

}
