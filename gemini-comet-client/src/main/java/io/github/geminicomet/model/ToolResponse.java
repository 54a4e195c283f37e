package io.github.geminicomet.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The result of a server-side {@link ToolCall}. Not in the published protos; kept so that a replayed
 * conversation carries it back unchanged.
 *
 * @param id the id of the call this answers
 * @param toolType the kind of tool, kept as sent
 * @param response the result of the call
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolResponse(@Nullable String id, @Nullable String toolType,
		@Nullable Map<String, @Nullable Object> response) {

	public ToolResponse {
		response = ModelSupport.copy(response);
	}

}
