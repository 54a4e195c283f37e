package io.github.geminicomet;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;

import io.github.geminicomet.model.GenerateContentResponse;

/**
 * Per-attempt state of one stream: whether the response arrived, how many events came, whether the
 * model finished, and the failure met while decoding.
 */
final class StreamState {

	private static final int MAX_PAGE = 64 * 1024;

	private final URI uri;

	private int events;

	private boolean finished;

	private @Nullable RuntimeException failure;

	private boolean responded;

	private boolean bodyStarted;

	private @Nullable ByteArrayOutputStream page;

	StreamState(URI uri) {
		this.uri = uri;
	}

	URI uri() {
		return this.uri;
	}

	int events() {
		return this.events;
	}

	boolean hasFailed() {
		return this.failure != null;
	}

	/** Mark the response's status line as arrived. */
	void responded() {
		this.responded = true;
	}

	boolean hasResponded() {
		return this.responded;
	}

	/**
	 * Whether this buffer belongs to an HTML page sent instead of events (a wrong base URL, a captive
	 * portal): told by the body's first byte, then the page is kept (its first {@value #MAX_PAGE} bytes, for
	 * its title) instead of being framed as events.
	 */
	boolean collectsPage(DataBuffer buffer) {
		if (!this.bodyStarted && buffer.readableByteCount() > 0) {
			this.bodyStarted = true;
			if (HtmlPages.beginsWithMarkup(buffer)) {
				this.page = new ByteArrayOutputStream();
			}
		}
		if (this.page == null) {
			return false;
		}
		int room = MAX_PAGE - this.page.size();
		int count = Math.min(room, buffer.readableByteCount());
		if (count > 0) {
			byte[] bytes = new byte[count];
			buffer.read(bytes);
			this.page.write(bytes, 0, count);
		}
		return true;
	}

	/** The page sent instead of events, if the body was one. */
	@Nullable String page() {
		return (this.page != null) ? this.page.toString(StandardCharsets.UTF_8) : null;
	}

	void fail(RuntimeException ex) {
		if (this.failure == null) {
			this.failure = ex;
		}
	}

	/** The failure met while decoding, if any: nothing is read after it. */
	@Nullable RuntimeException failure() {
		return this.failure;
	}

	void onEvent(GenerateContentResponse event) {
		this.events++;
		if (event.finishReason() != null
				|| (event.promptFeedback() != null && event.promptFeedback().blockReason() != null)) {
			this.finished = true;
		}
	}

	/**
	 * At the end of the body, fail the stream unless the model finished it (a finish reason or a block
	 * reason arrived) or it already failed.
	 */
	void checkComplete() {
		if (!this.finished && this.failure == null) {
			this.failure = new GeminiIncompleteStreamException("The stream ended after " + this.events
					+ " events without a finishReason or blockReason; the answer is incomplete", HttpMethod.POST,
					this.uri, this.events, null);
		}
	}

}
