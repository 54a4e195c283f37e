package io.github.geminicomet.sample;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.geminicomet.GeminiTemplate;

/**
 * {@code GET /api/status}: the model in use and whether the app runs offline, for the page's header.
 *
 * @author gemini-comet
 */
@RestController
@RequestMapping("/api")
class StatusController {

	private final GeminiTemplate gemini;

	private final Environment environment;

	StatusController(GeminiTemplate gemini, Environment environment) {
		this.gemini = gemini;
		this.environment = environment;
	}

	@GetMapping("/status")
	Status status() {
		return new Status(this.gemini.getDefaultModel(),
				this.environment.getProperty("sample.offline", Boolean.class, false));
	}

	record Status(String model, boolean offline) {
	}

}
