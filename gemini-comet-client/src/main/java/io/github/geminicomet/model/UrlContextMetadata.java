package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The URLs retrieved by the URL context tool.
 *
 * @param urlMetadata one entry per URL
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UrlContextMetadata(@Nullable List<UrlMetadata> urlMetadata) {

	public UrlContextMetadata {
		urlMetadata = ModelSupport.copy(urlMetadata);
	}

}
