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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real proxy server from the system's packages, run for a test on a free port of 127.0.0.1 in a
 * temporary directory of its own, and stopped (its directory deleted) on close.
 */
abstract class LocalProxyProcess implements AutoCloseable {

	private final String name;

	private final Path directory;

	private final Path log;

	private final int port;

	private final Process process;

	/**
	 * Start the proxy and wait until it listens.
	 * @param executable the proxy's executable
	 * @param logFile the file, in the directory, the proxy logs to
	 * @param arguments the arguments of the command line, given the directory and the port
	 */
	LocalProxyProcess(Path executable, String logFile, Arguments arguments) {
		this.name = executable.getFileName().toString();
		assumeTrue(Files.isExecutable(executable), this.name + " is not installed (apt-get install " + this.name + ")");
		try {
			this.directory = Files.createTempDirectory(this.name);
			this.log = this.directory.resolve(logFile);
			this.port = freePort();
			List<String> command = new ArrayList<>();
			command.add(executable.toString());
			command.addAll(arguments.of(this.directory, this.port));
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("stdout.txt").toFile())
				.start();
			awaitListening();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The port the proxy listens on, on 127.0.0.1. */
	public int port() {
		return this.port;
	}

	/** The proxy's whole log, for assertions and failure messages. */
	public String log() {
		return read(this.log);
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
				throw new IOException(this.name + " exited at start: " + read(this.directory.resolve("stdout.txt")));
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
		throw new IOException(this.name + " did not listen on port " + this.port + " within 10 s");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * The proxy's command line arguments.
	 */
	@FunctionalInterface
	interface Arguments {

		List<String> of(Path directory, int port) throws IOException;

	}

}
