package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The clip and frame rate of a video part.
 *
 * @param startOffset the start of the clip, as a protobuf duration such as {@code "1.5s"}
 * @param endOffset the end of the clip, as a protobuf duration
 * @param fps the frame rate to sample the video at
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VideoMetadata(@Nullable String startOffset, @Nullable String endOffset, @Nullable Double fps) {

}
