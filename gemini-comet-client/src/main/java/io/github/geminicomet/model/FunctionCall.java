package io.github.geminicomet.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A function call predicted by the model.
 *
 * @param id the id of the call, to be echoed in the matching {@link FunctionResponse} (sent by
 * Gemini 3 models)
 * @param name the name of the function to call
 * @param args the arguments, as a JSON object; may be absent when the function takes none
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FunctionCall(@Nullable String id, @Nullable String name, @Nullable Map<String, @Nullable Object> args) {

	public FunctionCall {
		args = ModelSupport.copy(args);
	}

}
