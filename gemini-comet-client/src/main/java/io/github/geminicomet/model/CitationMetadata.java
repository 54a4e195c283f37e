package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The sources a candidate recites.
 *
 * @param citationSources the cited sources
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CitationMetadata(@Nullable List<CitationSource> citationSources) {

	public CitationMetadata {
		citationSources = ModelSupport.copy(citationSources);
	}

}
