package io.github.geminicomet;

import java.lang.invoke.MethodHandles;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs BlockHound (through {@link BlockHoundExtension}) when the test run starts, before any test
 * creates a Reactor scheduler thread. BlockHound cannot see that a thread already waiting when it was
 * installed is inside an allowed method: such a parallel-scheduler worker, created by whichever test
 * happened to run first, would be reported as blocking (and die) the next time it waits for work.
 */
public final class BlockHoundSessionListener implements LauncherSessionListener {

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		try {
			MethodHandles.lookup().ensureInitialized(BlockHoundExtension.class);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
