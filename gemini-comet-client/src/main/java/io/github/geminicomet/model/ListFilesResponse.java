package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@code GET files}.
 *
 * @param files the files of this page
 * @param nextPageToken the token of the next page, {@code null} on the last page
 * @author gemini-comet
 * @since 0.2.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListFilesResponse(@Nullable List<GeminiFile> files, @Nullable String nextPageToken) {

}
