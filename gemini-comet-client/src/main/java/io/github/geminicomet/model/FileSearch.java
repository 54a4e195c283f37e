package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Options of the file search tool: retrieval from file search stores.
 *
 * @param fileSearchStoreNames the stores to search, such as {@code fileSearchStores/my-store}
 * @param metadataFilter a filter on the documents' custom metadata
 * @param topK the number of chunks to retrieve
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileSearch(@Nullable List<String> fileSearchStoreNames, @Nullable String metadataFilter,
		@Nullable Integer topK) {

	public FileSearch {
		fileSearchStoreNames = ModelSupport.copy(fileSearchStoreNames);
	}

	/**
	 * Create options that search the given stores.
	 * @param fileSearchStoreNames the store names
	 * @return the options
	 */
	public static FileSearch of(String... fileSearchStoreNames) {
		return new FileSearch(List.of(fileSearchStoreNames), null, null);
	}

}
