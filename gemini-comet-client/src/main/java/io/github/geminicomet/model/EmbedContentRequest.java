package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code embedContent}, or one request of a {@link BatchEmbedContentsRequest}.
 *
 * @param model the model resource name, such as {@code models/gemini-embedding-001}; required in a
 * batch, optional otherwise (the URL names the model)
 * @param content the content to embed (text parts)
 * @param taskType the intended use of the embedding
 * @param title the title of the document, with {@code RETRIEVAL_DOCUMENT}
 * @param outputDimensionality the size to truncate the embedding to
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbedContentRequest(@Nullable String model, @Nullable Content content, @Nullable TaskType taskType,
		@Nullable String title, @Nullable Integer outputDimensionality) {

	/**
	 * Create a request that embeds one text.
	 * @param text the text
	 * @return the request
	 */
	public static EmbedContentRequest of(String text) {
		return of(new Content(null, List.of(Part.text(text))));
	}

	/**
	 * Create a request that embeds the given content.
	 * @param content the content
	 * @return the request
	 */
	public static EmbedContentRequest of(Content content) {
		return new EmbedContentRequest(null, content, null, null, null);
	}

	/**
	 * Return a copy of this request for the given model.
	 * @param model the model name (a {@code models/} prefix is added when missing)
	 * @return a new request
	 */
	public EmbedContentRequest withModel(String model) {
		return new EmbedContentRequest(ModelSupport.resourceName(model), this.content, this.taskType, this.title,
				this.outputDimensionality);
	}

	/**
	 * Return a copy of this request with the given task type.
	 * @param taskType the intended use of the embedding
	 * @return a new request
	 */
	public EmbedContentRequest withTaskType(TaskType taskType) {
		return new EmbedContentRequest(this.model, this.content, taskType, this.title, this.outputDimensionality);
	}

	/**
	 * Return a copy of this request with the given document title.
	 * @param title the title of the document
	 * @return a new request
	 */
	public EmbedContentRequest withTitle(String title) {
		return new EmbedContentRequest(this.model, this.content, this.taskType, title, this.outputDimensionality);
	}

	/**
	 * Return a copy of this request with the given embedding size.
	 * @param outputDimensionality the size to truncate the embedding to
	 * @return a new request
	 */
	public EmbedContentRequest withOutputDimensionality(int outputDimensionality) {
		return new EmbedContentRequest(this.model, this.content, this.taskType, this.title, outputDimensionality);
	}

}
