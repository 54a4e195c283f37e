package io.github.geminicomet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A real HTTP proxy for tests: Debian's {@code tinyproxy}, started in the foreground on a free port of
 * 127.0.0.1 with a generated configuration (optionally with basic authentication), its log read to prove
 * which connections went through it. Tests using it are skipped where tinyproxy is not installed
 * ({@code .ci/run} installs it).
 */
public final class TinyProxy extends LocalProxyProcess {

	private static final String LOG = "tinyproxy.log";

	private TinyProxy(@Nullable String username, @Nullable String password) {
		super(Path.of("/usr/bin/tinyproxy"), LOG, (directory, port) -> {
			StringBuilder config = new StringBuilder().append("Port ").append(port).append('\n')
				.append("Listen 127.0.0.1\n")
				.append("Timeout 30\n")
				.append("LogFile \"").append(directory.resolve(LOG)).append("\"\n")
				.append("LogLevel Info\n")
				.append("MaxClients 200\n")
				.append("Allow 127.0.0.1\n");
			if (username != null && password != null) {
				config.append("BasicAuth ").append(username).append(' ').append(password).append('\n');
			}
			Path file = directory.resolve("tinyproxy.conf");
			Files.writeString(file, config);
			return List.of("-d", "-c", file.toString());
		});
	}

	/**
	 * Start a proxy without authentication; skip the test where tinyproxy is not installed.
	 * @return the running proxy
	 */
	public static TinyProxy start() {
		return start(null, null);
	}

	/**
	 * Start a proxy that asks for basic authentication; skip the test where tinyproxy is not installed.
	 * @param username the user it accepts, or {@code null} for no authentication
	 * @param password that user's password
	 * @return the running proxy
	 */
	public static TinyProxy start(@Nullable String username, @Nullable String password) {
		return new TinyProxy(username, password);
	}

	/**
	 * How many connections to the given port of 127.0.0.1 the proxy opened ({@code CONNECT} tunnels and
	 * forwarded requests alike), from its log.
	 * @param targetPort the port of the server behind the proxy
	 * @return the number of requests for it
	 */
	public long requestsTo(int targetPort) {
		Pattern request = Pattern.compile("Request \\(file descriptor \\d+\\): \\S+ (http://)?127\\.0\\.0\\.1:"
				+ targetPort + "\\b");
		return log().lines().filter((line) -> request.matcher(line).find()).count();
	}

}
