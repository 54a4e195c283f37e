package io.github.geminicomet.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidGeminiPropertyException} as a description of the problem and the
 * configuration that fixes it, instead of a stack trace.
 *
 * @author gemini-comet
 */
class InvalidGeminiPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidGeminiPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidGeminiPropertyException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
