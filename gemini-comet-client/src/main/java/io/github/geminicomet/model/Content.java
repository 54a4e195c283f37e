package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One turn of a conversation: a role and the parts it is made of. A {@code systemInstruction} has no
 * role; a candidate cut short may have no parts at all ({@code "content": {}}).
 *
 * @param role the producer of the content, {@code user} or {@code model}
 * @param parts the ordered parts, each one a single piece of data
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Content(@Nullable String role, @Nullable List<Part> parts) {

	/**
	 * The role of content written by the user.
	 */
	public static final String USER = "user";

	/**
	 * The role of content written by the model.
	 */
	public static final String MODEL = "model";

	public Content {
		parts = ModelSupport.copy(parts);
	}

	/**
	 * Create user content with one text part.
	 * @param text the text
	 * @return the content
	 */
	public static Content user(String text) {
		return new Content(USER, List.of(Part.text(text)));
	}

	/**
	 * Create user content with the given parts.
	 * @param parts the parts
	 * @return the content
	 */
	public static Content user(Part... parts) {
		return new Content(USER, List.of(parts));
	}

	/**
	 * Create model content with one text part, to replay a conversation.
	 * @param text the text
	 * @return the content
	 */
	public static Content model(String text) {
		return new Content(MODEL, List.of(Part.text(text)));
	}

	/**
	 * Create model content with the given parts, to replay a conversation.
	 * @param parts the parts
	 * @return the content
	 */
	public static Content model(Part... parts) {
		return new Content(MODEL, List.of(parts));
	}

	/**
	 * Create a system instruction: one text part and no role.
	 * @param text the instruction
	 * @return the content
	 */
	public static Content system(String text) {
		return new Content(null, List.of(Part.text(text)));
	}

	/**
	 * Return the visible text: the concatenation of the text of every part that is not a thought.
	 * @return the text, empty when there is none
	 */
	@JsonIgnore
	public String text() {
		return concatText(false);
	}

	/**
	 * Return the thought summaries: the concatenation of the text of every thought part.
	 * @return the thought text, empty when there is none
	 */
	@JsonIgnore
	public String thoughtText() {
		return concatText(true);
	}

	private String concatText(boolean thoughts) {
		if (this.parts == null) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		for (Part part : this.parts) {
			if (part.text() != null && part.isThought() == thoughts) {
				text.append(part.text());
			}
		}
		return text.toString();
	}

	/**
	 * Return the images among the parts (non-thought {@code inlineData} parts of an {@code image/*}
	 * type), decoded.
	 * @return the images, never {@code null}
	 * @throws IllegalArgumentException if an image's data is not valid base64
	 */
	@JsonIgnore
	public List<GeneratedImage> images() {
		if (this.parts == null) {
			return List.of();
		}
		return this.parts.stream()
			.filter((part) -> !part.isThought() && part.inlineData() != null && part.inlineData().mimeType() != null
					&& part.inlineData().mimeType().regionMatches(true, 0, "image/", 0, 6))
			.map((part) -> GeneratedImage.of(part.inlineData()))
			.toList();
	}

	/**
	 * Return the function calls among the parts, in order.
	 * @return the function calls, never {@code null}
	 */
	@JsonIgnore
	public List<FunctionCall> functionCalls() {
		if (this.parts == null) {
			return List.of();
		}
		return this.parts.stream().map(Part::functionCall).filter((call) -> call != null).toList();
	}

}
