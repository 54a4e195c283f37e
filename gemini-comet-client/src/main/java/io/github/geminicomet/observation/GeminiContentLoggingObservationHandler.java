package io.github.geminicomet.observation;

import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentRequest;

/**
 * {@link ObservationHandler} that logs the prompt and the answer of each Gemini call at {@code DEBUG}
 * under this class's name, truncated. Prompts and answers are user data: register this handler only
 * when the application chose to log them (with Spring Boot:
 * {@code cometapi.gemini.observations.log-content=true}).
 *
 * <p>The prompt is the text of the request's last content, logged when the call starts. The answer is
 * logged when the call ends: the text of a unary answer, or of all a stream's events joined (the
 * context keeps no more of it than is logged).
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiContentLoggingObservationHandler implements ObservationHandler<GeminiObservationContext> {

	/**
	 * Default number of characters logged of each prompt and answer.
	 */
	public static final int DEFAULT_MAX_LENGTH = 1000;

	private static final Log logger = LogFactory.getLog(GeminiContentLoggingObservationHandler.class);

	private final int maxLength;

	/**
	 * Create a handler that logs up to {@value #DEFAULT_MAX_LENGTH} characters of each text.
	 */
	public GeminiContentLoggingObservationHandler() {
		this(DEFAULT_MAX_LENGTH);
	}

	/**
	 * Create a handler.
	 * @param maxLength the number of characters logged of each prompt and answer
	 */
	public GeminiContentLoggingObservationHandler(int maxLength) {
		Assert.isTrue(maxLength > 0, "'maxLength' must be positive");
		this.maxLength = maxLength;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof GeminiObservationContext;
	}

	@Override
	public void onStart(GeminiObservationContext context) {
		if (logger.isDebugEnabled()) {
			context.captureAnswerText(this.maxLength);
			GenerateContentRequest request = context.getRequest();
			if (request == null || !GeminiObservationContext.GENERATE_CONTENT.equals(context.getOperationName())) {
				return;
			}
			List<Content> contents = request.contents();
			String prompt = (contents != null && !contents.isEmpty()) ? contents.get(contents.size() - 1).text() : "";
			logger.debug("Gemini prompt to " + context.getRequestModel() + ": " + truncate(prompt));
		}
	}

	@Override
	public void onStop(GeminiObservationContext context) {
		if (logger.isDebugEnabled() && GeminiObservationContext.GENERATE_CONTENT.equals(context.getOperationName())) {
			String what = context.isStreaming()
					? "Gemini stream from " + context.getRequestModel() + " ended after " + context.getChunkCount()
							+ " events"
					: "Gemini answer from " + context.getRequestModel();
			logger.debug(what + ": " + truncate(context.getAnswerText(), context.getAnswerTextLength()));
		}
	}

	private String truncate(String text) {
		return truncate(text, text.length());
	}

	private String truncate(String text, long length) {
		if (length <= this.maxLength) {
			return text;
		}
		return text.substring(0, Math.min(this.maxLength, text.length())) + "... (" + length + " characters)";
	}

}
