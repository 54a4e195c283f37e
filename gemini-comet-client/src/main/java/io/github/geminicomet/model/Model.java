package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A model, as returned by {@code models.get} and {@code models.list}.
 *
 * @param name the resource name, such as {@code models/gemini-3.5-flash-lite}
 * @param baseModelId the name of the base model
 * @param version the version of the model
 * @param displayName the human-readable name
 * @param description a short description
 * @param inputTokenLimit the maximum number of input tokens
 * @param outputTokenLimit the maximum number of output tokens
 * @param supportedGenerationMethods the supported methods, such as {@code generateContent}
 * @param temperature the default temperature
 * @param maxTemperature the maximum temperature
 * @param topP the default top-p
 * @param topK the default top-k
 * @param thinking whether the model supports thinking
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Model(@Nullable String name, @Nullable String baseModelId, @Nullable String version,
		@Nullable String displayName, @Nullable String description, @Nullable Integer inputTokenLimit,
		@Nullable Integer outputTokenLimit, @Nullable List<String> supportedGenerationMethods,
		@Nullable Double temperature, @Nullable Double maxTemperature, @Nullable Double topP, @Nullable Integer topK,
		@Nullable Boolean thinking) {

	public Model {
		supportedGenerationMethods = ModelSupport.copy(supportedGenerationMethods);
	}

}
