package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A response of {@code generateContent}, or one event of {@code streamGenerateContent} (whose parts are
 * deltas and whose {@code usageMetadata} is cumulative so far). The convenience methods read the first
 * candidate and are never serialized.
 *
 * @param candidates the candidate answers; absent when the prompt was blocked
 * @param promptFeedback feedback on the prompt, such as a block reason
 * @param usageMetadata token counts, as sent by the API
 * @param modelVersion the model version that answered
 * @param responseId the id of the response
 * @param createTime when the response was created, as an RFC 3339 timestamp (Vertex AI, gateways)
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenerateContentResponse(@Nullable List<Candidate> candidates, @Nullable PromptFeedback promptFeedback,
		@Nullable UsageMetadata usageMetadata, @Nullable String modelVersion, @Nullable String responseId,
		@Nullable String createTime) {

	public GenerateContentResponse {
		candidates = ModelSupport.copy(candidates);
	}

	/**
	 * Return the first candidate: the one with index 0 (or no index), else the first of the list.
	 * @return the first candidate, or {@code null} when there is none
	 */
	@JsonIgnore
	public @Nullable Candidate firstCandidate() {
		if (this.candidates == null || this.candidates.isEmpty()) {
			return null;
		}
		for (Candidate candidate : this.candidates) {
			if (candidate.index() == null || candidate.index() == 0) {
				return candidate;
			}
		}
		return this.candidates.get(0);
	}

	/**
	 * Return the visible text of the first candidate: its non-thought text parts, concatenated.
	 * @return the text, empty when there is none
	 */
	@JsonIgnore
	public String text() {
		Content content = firstContent();
		return (content != null) ? content.text() : "";
	}

	/**
	 * Return the thought summaries of the first candidate: its thought parts' text, concatenated.
	 * @return the thought text, empty when there is none
	 */
	@JsonIgnore
	public String thoughtText() {
		Content content = firstContent();
		return (content != null) ? content.thoughtText() : "";
	}

	/**
	 * Return the images the first candidate generated (with {@code responseModalities}
	 * {@code [TEXT, IMAGE]}), decoded; thought images are left out.
	 * @return the images, never {@code null}
	 * @throws IllegalArgumentException if an image's data is not valid base64
	 */
	@JsonIgnore
	public List<GeneratedImage> images() {
		Content content = firstContent();
		return (content != null) ? content.images() : List.of();
	}

	/**
	 * Return the visible text of the first candidate with citation markers, such as {@code [1][2]},
	 * inserted at the end of each grounded segment (see {@link Candidate#textWithCitations()}).
	 * @return the text with citations, or the plain text when there is no grounding metadata
	 */
	@JsonIgnore
	public String textWithCitations() {
		Candidate candidate = firstCandidate();
		return (candidate != null) ? candidate.textWithCitations() : "";
	}

	/**
	 * Return the function calls of the first candidate, in order.
	 * @return the function calls, never {@code null}
	 */
	@JsonIgnore
	public List<FunctionCall> functionCalls() {
		Content content = firstContent();
		return (content != null) ? content.functionCalls() : List.of();
	}

	/**
	 * Return the finish reason of the first candidate.
	 * @return the finish reason, or {@code null} when there is none (a blocked prompt, or a stream event
	 * before the last)
	 */
	@JsonIgnore
	public @Nullable FinishReason finishReason() {
		Candidate candidate = firstCandidate();
		return (candidate != null) ? candidate.finishReason() : null;
	}

	/**
	 * Return whether the prompt was blocked ({@code promptFeedback.blockReason} is present) or the first
	 * candidate was stopped by a content filter (see {@link FinishReason#isBlocking()}).
	 * @return whether the response is blocked
	 */
	@JsonIgnore
	public boolean isBlocked() {
		if (this.promptFeedback != null && this.promptFeedback.blockReason() != null) {
			return true;
		}
		FinishReason finishReason = finishReason();
		return finishReason != null && finishReason.isBlocking();
	}

	private @Nullable Content firstContent() {
		Candidate candidate = firstCandidate();
		return (candidate != null) ? candidate.content() : null;
	}

}
