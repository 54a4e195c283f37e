package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Image generation options.
 *
 * @param aspectRatio the aspect ratio, such as {@code "16:9"}
 * @param imageSize the image size, such as {@code "1K"}, {@code "2K"} or {@code "4K"}
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageConfig(@Nullable String aspectRatio, @Nullable String imageSize) {

	/**
	 * Create an image configuration.
	 * @param aspectRatio the aspect ratio, such as {@code "16:9"}, or {@code null}
	 * @param imageSize the image size, such as {@code "2K"}, or {@code null}
	 * @return the configuration
	 */
	public static ImageConfig of(@Nullable String aspectRatio, @Nullable String imageSize) {
		return new ImageConfig(aspectRatio, imageSize);
	}

}
