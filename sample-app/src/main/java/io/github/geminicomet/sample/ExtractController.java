package io.github.geminicomet.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentRequest;

/**
 * {@code POST /api/extract} with {@code {"text": "..."}}: structured output, the contact details found
 * in a text read into a {@link Contact} record and returned as JSON.
 *
 * @author gemini-comet
 */
@RestController
@RequestMapping("/api")
class ExtractController {

	private final GeminiTemplate gemini;

	ExtractController(GeminiTemplate gemini) {
		this.gemini = gemini;
	}

	@PostMapping("/extract")
	Mono<Contact> extract(@RequestBody TextRequest request) {
		if (request.text() == null || request.text().isBlank()) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "'text' must not be empty"));
		}
		GenerateContentRequest extraction = GenerateContentRequest.builder()
			.systemInstruction("Extract the contact details of the person the text is about. "
					+ "Leave out what the text does not say.")
			.addContent(Content.user(request.text()))
			.build();
		return this.gemini.generateObject(this.gemini.getDefaultModel(), extraction, Contact.class);
	}

	record TextRequest(@Nullable String text) {
	}

	/**
	 * What the model fills in; the schema sent to Gemini is generated from this record.
	 *
	 * @param name the person's full name
	 * @param email the e-mail address
	 * @param company the employer
	 * @param city the city
	 * @param topics what the text says the person cares about
	 */
	record Contact(@JsonPropertyDescription("Full name") String name, @Nullable String email,
			@Nullable String company, @Nullable String city,
			@JsonPropertyDescription("Topics the person cares about, in a word or two each") List<String> topics) {
	}

}
