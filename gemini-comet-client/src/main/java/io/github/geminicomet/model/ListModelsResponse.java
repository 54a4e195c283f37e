package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@code models.list}.
 *
 * @param models the models
 * @param nextPageToken the token of the next page; absent on the last page
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListModelsResponse(@Nullable List<Model> models, @Nullable String nextPageToken) {

	public ListModelsResponse {
		models = ModelSupport.copy(models);
	}

}
