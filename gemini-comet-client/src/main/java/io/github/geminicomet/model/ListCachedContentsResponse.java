package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@code cachedContents.list}.
 *
 * @param cachedContents the cached contents (without their contents)
 * @param nextPageToken the token of the next page; absent on the last page
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListCachedContentsResponse(@Nullable List<CachedContent> cachedContents,
		@Nullable String nextPageToken) {

	public ListCachedContentsResponse {
		cachedContents = ModelSupport.copy(cachedContents);
	}

}
