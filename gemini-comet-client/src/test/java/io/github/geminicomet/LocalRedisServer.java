package io.github.geminicomet;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real {@code redis-server} (Debian's package; {@code .ci/run} installs it) on a free port of
 * 127.0.0.1, without persistence, started and stopped by the tests. Where no binary exists the tests
 * that need it are skipped, saying so.
 */
public final class LocalRedisServer implements AutoCloseable {

	private static final List<String> CANDIDATES = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server",
			"/usr/sbin/redis-server");

	private final String binary;

	private final int port;

	private @Nullable Process process;

	private LocalRedisServer(String binary, int port) {
		this.binary = binary;
		this.port = port;
	}

	/**
	 * Start a server on a free port, or skip the calling test when there is no {@code redis-server}.
	 */
	public static LocalRedisServer start() {
		String binary = findBinary();
		assumeTrue(binary != null, "No redis-server binary on this machine (apt-get install redis-server, as "
				+ ".ci/run does): the tests against a real Redis are skipped");
		LocalRedisServer server = new LocalRedisServer(binary, ResilienceTestSupport.freePort());
		server.startProcess();
		return server;
	}

	private static @Nullable String findBinary() {
		for (String candidate : CANDIDATES) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String dir : path.split(File.pathSeparator)) {
				Path candidate = Path.of(dir, "redis-server");
				if (Files.isExecutable(candidate)) {
					return candidate.toString();
				}
			}
		}
		return null;
	}

	/** The port it listens on. */
	public int port() {
		return this.port;
	}

	/** Stop the server (its data is lost). */
	public void stop() {
		Process running = this.process;
		if (running != null) {
			running.destroy();
			try {
				if (!running.waitFor(5, TimeUnit.SECONDS)) {
					running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/** Start the server again on the same port, empty. */
	public void restart() {
		stop();
		startProcess();
	}

	@Override
	public void close() {
		stop();
	}

	private void startProcess() {
		try {
			this.process = new ProcessBuilder(this.binary, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no", "--protected-mode", "no", "--daemonize", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.binary, ex);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (ping()) {
				return;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		stop();
		throw new IllegalStateException("redis-server did not answer PING on 127.0.0.1:" + this.port);
	}

	private boolean ping() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.readNBytes(reply, 0, 7);
			return read == 7 && new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
		catch (IOException ex) {
			return false;
		}
	}

}
