package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code countTokens}: either contents alone, or a whole {@link GenerateContentRequest}
 * (with its system instruction and tools), never both.
 *
 * @param contents the contents to count
 * @param generateContentRequest the whole request to count; its {@code model} is required
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CountTokensRequest(@Nullable List<Content> contents,
		@Nullable GenerateContentRequest generateContentRequest) {

	public CountTokensRequest {
		contents = ModelSupport.copy(contents);
	}

	/**
	 * Create a request that counts the given contents.
	 * @param contents the contents
	 * @return the request
	 */
	public static CountTokensRequest of(Content... contents) {
		return new CountTokensRequest(List.of(contents), null);
	}

	/**
	 * Create a request that counts a whole generate-content request, system instruction and tools
	 * included.
	 * @param model the model name, such as {@code gemini-3.5-flash-lite} (a {@code models/} prefix is added
	 * when missing)
	 * @param request the request to count
	 * @return the request
	 */
	public static CountTokensRequest of(String model, GenerateContentRequest request) {
		return new CountTokensRequest(null, request.toBuilder().model(ModelSupport.resourceName(model)).build());
	}

}
