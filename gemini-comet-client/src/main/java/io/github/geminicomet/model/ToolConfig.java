package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of the tools of a request.
 *
 * @param functionCallingConfig how the model calls functions
 * @param retrievalConfig location and language for retrieval tools such as Google Maps
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolConfig(@Nullable FunctionCallingConfig functionCallingConfig,
		@Nullable RetrievalConfig retrievalConfig) {

	/**
	 * Create a tool configuration with a function calling mode.
	 * @param mode the mode
	 * @param allowedFunctionNames the functions the model may call (only with {@code ANY} or
	 * {@code VALIDATED}); none means all
	 * @return the configuration
	 */
	public static ToolConfig functionCalling(FunctionCallingConfig.Mode mode, String... allowedFunctionNames) {
		return new ToolConfig(FunctionCallingConfig.of(mode, allowedFunctionNames), null);
	}

}
