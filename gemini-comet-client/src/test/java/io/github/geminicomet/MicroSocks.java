package io.github.geminicomet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A real SOCKS5 proxy for tests: Debian's {@code microsocks}, started on a free port of 127.0.0.1
 * (optionally asking for a username and password), its log read to prove which connections went through
 * it. Tests using it are skipped where microsocks is not installed ({@code .ci/run} installs it).
 */
public final class MicroSocks extends LocalProxyProcess {

	private MicroSocks(@Nullable String username, @Nullable String password) {
		super(Path.of("/usr/bin/microsocks"), "stdout.txt", (directory, port) -> {
			List<String> arguments = new ArrayList<>(List.of("-i", "127.0.0.1", "-p", String.valueOf(port)));
			if (username != null && password != null) {
				arguments.addAll(List.of("-u", username, "-P", password));
			}
			return arguments;
		});
	}

	/**
	 * Start a proxy without authentication; skip the test where microsocks is not installed.
	 * @return the running proxy
	 */
	public static MicroSocks start() {
		return start(null, null);
	}

	/**
	 * Start a proxy that asks for a username and password; skip the test where microsocks is not
	 * installed.
	 * @param username the user it accepts, or {@code null} for no authentication
	 * @param password that user's password
	 * @return the running proxy
	 */
	public static MicroSocks start(@Nullable String username, @Nullable String password) {
		return new MicroSocks(username, password);
	}

	/**
	 * How many connections the proxy opened to the given port of 127.0.0.1, from its log
	 * ({@code client[4] 127.0.0.1: connected to 127.0.0.1:8080}).
	 * @param targetPort the port of the server behind the proxy
	 * @return the number of connections
	 */
	public long connectionsTo(int targetPort) {
		String connected = "connected to 127.0.0.1:" + targetPort;
		return log().lines().filter((line) -> line.endsWith(connected)).count();
	}

}
