package io.github.geminicomet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real HTTP proxy for tests: Debian's {@code tinyproxy}, started in the foreground on a free port of
 * 127.0.0.1 with a generated configuration (optionally with basic authentication), its log read to prove
 * which connections went through it. Tests using it are skipped where tinyproxy is not installed
 * ({@code .ci/run} installs it).
 */
public final class TinyProxy implements AutoCloseable {

	private static final Path EXECUTABLE = Path.of("/usr/bin/tinyproxy");

	private final Path directory;

	private final Path log;

	private final Process process;

	private final int port;

	private TinyProxy(@Nullable String username, @Nullable String password) throws IOException {
		this.directory = Files.createTempDirectory("tinyproxy");
		this.log = this.directory.resolve("tinyproxy.log");
		this.port = freePort();
		StringBuilder config = new StringBuilder()
			.append("Port ").append(this.port).append('\n')
			.append("Listen 127.0.0.1\n")
			.append("Timeout 30\n")
			.append("LogFile \"").append(this.log).append("\"\n")
			.append("LogLevel Info\n")
			.append("MaxClients 200\n")
			.append("Allow 127.0.0.1\n");
		if (username != null && password != null) {
			config.append("BasicAuth ").append(username).append(' ').append(password).append('\n');
		}
		Path file = this.directory.resolve("tinyproxy.conf");
		Files.writeString(file, config);
		this.process = new ProcessBuilder(EXECUTABLE.toString(), "-d", "-c", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("stdout.txt").toFile())
			.start();
		awaitListening();
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
		assumeTrue(Files.isExecutable(EXECUTABLE), "tinyproxy is not installed (apt-get install tinyproxy)");
		try {
			return new TinyProxy(username, password);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The port the proxy listens on, on 127.0.0.1. */
	public int port() {
		return this.port;
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
		try {
			return Files.readAllLines(this.log, StandardCharsets.UTF_8).stream()
				.filter((line) -> request.matcher(line).find())
				.count();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** The proxy's whole log, for assertions and failure messages. */
	public String log() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			FileSystemUtils.deleteRecursively(this.directory);
		}
		catch (IOException ex) {
			// a temporary directory: left for the system to clean
		}
	}

	private void awaitListening() throws IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("tinyproxy exited at start: "
						+ Files.readString(this.directory.resolve("stdout.txt"), StandardCharsets.UTF_8));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 200);
				return;
			}
			catch (IOException ex) {
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new IOException(interrupted);
				}
			}
		}
		close();
		throw new IOException("tinyproxy did not listen on port " + this.port + " within 10 s");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
