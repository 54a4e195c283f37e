package io.github.geminicomet;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Netty's leak detector at {@code PARANOID} with its reports captured from the log, for the tests that
 * prove no buffer leaks: {@link #start()} proves the detector and the capture work with a deliberate
 * leak, {@link #reports()} collects garbage and returns what was reported since {@link #clear()}.
 */
final class NettyLeakCapture implements AutoCloseable {

	private static final String LEAK_LOGGER = ResourceLeakDetector.class.getName();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final ResourceLeakDetector.Level previousLevel;

	private final Level previousLogLevel;

	private NettyLeakCapture() {
		this.previousLevel = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		Logger logger = (Logger) LoggerFactory.getLogger(LEAK_LOGGER);
		this.previousLogLevel = logger.getLevel();
		logger.setLevel(Level.ERROR);
		this.appender.start();
		logger.addAppender(this.appender);
	}

	/** Detect every leak from now on, after proving a deliberate one is reported. */
	static NettyLeakCapture start() {
		NettyLeakCapture capture = new NettyLeakCapture();
		capture.proveTheDetectorWorks();
		capture.clear();
		return capture;
	}

	/** Forget what was reported so far, after letting pending reports in. */
	void clear() {
		collectLeaks();
		this.appender.list.clear();
	}

	/** Collect garbage so that unreleased buffers are found, and return the reports since {@link #clear()}. */
	List<String> reports() {
		collectLeaks();
		return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	@Override
	public void close() {
		Logger logger = (Logger) LoggerFactory.getLogger(LEAK_LOGGER);
		logger.detachAppender(this.appender);
		logger.setLevel(this.previousLogLevel);
		ResourceLeakDetector.setLevel(this.previousLevel);
	}

	private void proveTheDetectorWorks() {
		ByteBuf leaked = ByteBufAllocator.DEFAULT.directBuffer(64);
		leaked.writeLong(42);
		leaked = null;
		boolean reported = false;
		for (int i = 0; i < 50 && !reported; i++) {
			collectLeaks();
			reported = this.appender.list.stream().anyMatch((event) -> event.getFormattedMessage().contains("LEAK"));
		}
		assertThat(reported).as("a deliberate leak is reported").isTrue();
	}

	/** Let the garbage collector find unreleased buffers, then allocate so that the detector reports them. */
	static void collectLeaks() {
		for (int i = 0; i < 3; i++) {
			System.gc();
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			List.of(ByteBufAllocator.DEFAULT.directBuffer(16), ByteBufAllocator.DEFAULT.heapBuffer(16))
				.forEach(ByteBuf::release);
		}
	}

}
