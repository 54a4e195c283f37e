package io.github.geminicomet.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A call of a server-side built-in tool (such as Google Search or file search) made by a Gemini 3
 * model. Not in the published protos; kept so that a replayed conversation carries it back unchanged.
 *
 * @param id the id of the call, matched by the {@link ToolResponse}
 * @param toolType the kind of tool, such as {@code GOOGLE_SEARCH_WEB}, kept as sent
 * @param args the arguments of the call
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolCall(@Nullable String id, @Nullable String toolType, @Nullable Map<String, @Nullable Object> args) {

	public ToolCall {
		args = ModelSupport.copy(args);
	}

}
