package io.github.geminicomet;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.ThinkingConfig;

/**
 * Checks a generate-content request before it is sent: the thinking parameter against the model
 * generation, and the total size of its inline data.
 */
final class RequestValidator {

	private static final Log logger = LogFactory.getLog(GeminiTemplate.class);

	private static final Pattern GEMINI_VERSION = Pattern.compile("gemini-(\\d+)(?:\\.(\\d+))?(?:[-.@].*)?");

	private final ThinkingValidation thinkingValidation;

	private final long maxInlineDataSize;

	private final @Nullable GenerationConfig defaults;

	private final Consumer<String> warnings;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	RequestValidator(ThinkingValidation thinkingValidation, long maxInlineDataSize,
			@Nullable GenerationConfig defaults) {
		this(thinkingValidation, maxInlineDataSize, defaults, logger::warn);
	}

	RequestValidator(ThinkingValidation thinkingValidation, long maxInlineDataSize,
			@Nullable GenerationConfig defaults, Consumer<String> warnings) {
		this.thinkingValidation = thinkingValidation;
		this.maxInlineDataSize = maxInlineDataSize;
		this.defaults = defaults;
		this.warnings = warnings;
	}

	/**
	 * Check a request for a model.
	 * @param model the model name, without the {@code models/} prefix
	 * @param request the request as the caller gave it (the template defaults are merged here)
	 * @throws IllegalArgumentException if the request must not be sent
	 */
	void validate(String model, GenerateContentRequest request) {
		checkInlineData(request);
		if (this.thinkingValidation != ThinkingValidation.OFF) {
			checkThinking(model, request);
		}
	}

	/**
	 * Check the default generation config against the default model, as a call without a thinking
	 * config of its own would: under {@link ThinkingValidation#STRICT} a mismatch fails the build with
	 * the message a call would get.
	 * @param defaultModel the template's default model
	 * @throws IllegalArgumentException if every such call would be refused
	 */
	void checkDefaults(String defaultModel) {
		if (this.thinkingValidation == ThinkingValidation.STRICT) {
			checkThinking(defaultModel, (GenerationConfig) null);
		}
	}

	private void checkThinking(String model, GenerateContentRequest request) {
		checkThinking(model, request.generationConfig());
	}

	private void checkThinking(String model, @Nullable GenerationConfig own) {
		ThinkingConfig ownThinking = (own != null) ? own.thinkingConfig() : null;
		ThinkingConfig defaultThinking = (this.defaults != null) ? this.defaults.thinkingConfig() : null;
		ThinkingConfig thinking = (ownThinking != null) ? ownThinking.mergedOver(defaultThinking) : defaultThinking;
		if (thinking == null || (thinking.thinkingLevel() == null && thinking.thinkingBudget() == null)) {
			return;
		}
		Generation generation = Generation.of(model);
		if (generation == null) {
			return;
		}
		boolean fromDefaults = ownThinking == null
				|| (ownThinking.thinkingLevel() == null && ownThinking.thinkingBudget() == null);
		if (generation.major() == 2 && thinking.thinkingLevel() != null) {
			reject(model, "thinkingLevel", "thinkingConfig.thinkingLevel (" + thinking.thinkingLevel()
					+ ") is a Gemini 3 parameter, but '" + model + "' is a " + generation + " model: set "
					+ "thinkingConfig.thinkingBudget instead (ThinkingConfig.budget(n): 0 turns thinking off, -1 "
					+ "lets the model decide, a positive number caps the thought tokens)"
					+ origin(fromDefaults, "level"));
		}
		else if (generation.major() == 3 && thinking.thinkingBudget() != null) {
			reject(model, "thinkingBudget", "thinkingConfig.thinkingBudget (" + thinking.thinkingBudget()
					+ ") is a Gemini 2.5 parameter, but '" + model + "' is a " + generation + " model: set "
					+ "thinkingConfig.thinkingLevel instead (ThinkingConfig.level(ThinkingLevel.LOW), MEDIUM, "
					+ "HIGH, or MINIMAL where the model supports it)" + origin(fromDefaults, "budget"));
		}
	}

	private static String origin(boolean fromDefaults, String property) {
		return fromDefaults ? "; it comes from the template's default generation config "
				+ "(cometapi.gemini.generation.thinking." + property + ")" : "";
	}

	private void reject(String model, String parameter, String message) {
		if (this.thinkingValidation == ThinkingValidation.STRICT) {
			throw new IllegalArgumentException(message + ". To send it anyway, set "
					+ "cometapi.gemini.thinking-validation to 'warn' or 'off'.");
		}
		if (this.warned.add(model + '\n' + parameter)) {
			this.warnings.accept(message + ". Sending it anyway (cometapi.gemini.thinking-validation=warn); "
					+ "this warning is logged once per model and parameter.");
		}
	}

	private void checkInlineData(GenerateContentRequest request) {
		long size = inlineDataSize(request.systemInstruction());
		if (request.contents() != null) {
			for (Content content : request.contents()) {
				size += inlineDataSize(content);
			}
		}
		if (size > this.maxInlineDataSize) {
			throw new IllegalArgumentException("The request carries " + Media.describeSize(size)
					+ " of inline data (base64), above the limit of " + Media.describeSize(this.maxInlineDataSize)
					+ " (cometapi.gemini.max-inline-data-size): upload large files with the Files API, or put "
					+ "them where Gemini can fetch them, and reference them with Media.file(uri, mimeType)");
		}
	}

	private static long inlineDataSize(@Nullable Content content) {
		if (content == null || content.parts() == null) {
			return 0;
		}
		long size = 0;
		for (Part part : content.parts()) {
			if (part.inlineData() != null && part.inlineData().data() != null) {
				size += part.inlineData().data().length();
			}
		}
		return size;
	}

	/**
	 * The generation of a Gemini model, read from its name.
	 */
	record Generation(int major, @Nullable Integer minor) {

		static @Nullable Generation of(String model) {
			Matcher matcher = GEMINI_VERSION.matcher(model.toLowerCase(Locale.ROOT));
			if (!matcher.matches()) {
				return null;
			}
			int major = Integer.parseInt(matcher.group(1));
			Integer minor = (matcher.group(2) != null) ? Integer.valueOf(matcher.group(2)) : null;
			return (major == 2 || major == 3) ? new Generation(major, minor) : null;
		}

		@Override
		public String toString() {
			return "Gemini " + this.major + ((this.minor != null) ? "." + this.minor : "");
		}

	}

}
