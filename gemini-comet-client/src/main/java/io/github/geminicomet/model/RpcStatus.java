package io.github.geminicomet.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Why a long-running job or a file failed: Google's {@code google.rpc.Status}, as it appears in a file's
 * {@code error} and a batch's {@code error}.
 *
 * @param code the gRPC status code
 * @param message the developer-facing message
 * @param details the details, each with its {@code @type}
 * @author gemini-comet
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RpcStatus(@Nullable Integer code, @Nullable String message, @Nullable List<Map<String, Object>> details) {

	/**
	 * Create a status, copying the details.
	 */
	public RpcStatus {
		details = (details != null) ? List.copyOf(details) : null;
	}

}
