package io.github.geminicomet.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GroundingChunk;
import io.github.geminicomet.model.GroundingMetadata;
import io.github.geminicomet.model.Tool;
import io.github.geminicomet.model.UsageMetadata;

/**
 * {@code POST /api/search} with {@code {"prompt": "..."}}: grounding with Google Search. The answer comes
 * back with {@code [n]} citation markers and the sources they point to.
 *
 * @author gemini-comet
 */
@RestController
@RequestMapping("/api")
class SearchController {

	private final GeminiTemplate gemini;

	SearchController(GeminiTemplate gemini) {
		this.gemini = gemini;
	}

	@PostMapping("/search")
	Mono<SearchReply> search(@RequestBody PromptRequest request) {
		return this.gemini.generateContent(GenerateContentRequest.builder()
			.addContent(Content.user(request.requiredPrompt()))
			.addTool(Tool.GOOGLE_SEARCH)
			.build()).map(SearchController::reply);
	}

	private static SearchReply reply(GenerateContentResponse response) {
		Candidate candidate = response.firstCandidate();
		GroundingMetadata grounding = (candidate != null) ? candidate.groundingMetadata() : null;
		List<Source> sources = List.of();
		List<String> queries = List.of();
		if (grounding != null) {
			if (grounding.groundingChunks() != null) {
				sources = grounding.groundingChunks()
					.stream()
					.map(GroundingChunk::web)
					.filter((web) -> web != null)
					.map((web) -> new Source(web.title(), web.uri()))
					.toList();
			}
			if (grounding.webSearchQueries() != null) {
				queries = grounding.webSearchQueries();
			}
		}
		return new SearchReply(response.textWithCitations(), sources, queries, response.usageMetadata());
	}

	/**
	 * The answer with citation markers; {@code [1]} refers to the first source.
	 */
	record SearchReply(String text, List<Source> sources, List<String> queries, @Nullable UsageMetadata usage) {
	}

	record Source(@Nullable String title, @Nullable String uri) {
	}

}
