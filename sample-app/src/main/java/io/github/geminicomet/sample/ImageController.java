package io.github.geminicomet.sample;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.GeneratedImage;
import io.github.geminicomet.model.ImageConfig;
import io.github.geminicomet.model.Modality;

/**
 * {@code POST /api/image} with {@code {"prompt": "..."}}: image generation with an image model
 * ({@code sample.image-model}, default {@code gemini-3.1-flash-image}) at {@code sample.image-size}
 * ({@code 1K}, {@code 2K} or {@code 4K}); the response is the image itself ({@code image/png}, say).
 *
 * @author gemini-comet
 */
@RestController
@RequestMapping("/api")
class ImageController {

	private final GeminiTemplate gemini;

	private final String imageModel;

	private final String imageSize;

	ImageController(GeminiTemplate gemini,
			@Value("${sample.image-model:gemini-3.1-flash-image}") String imageModel,
			@Value("${sample.image-size:1K}") String imageSize) {
		this.gemini = gemini;
		this.imageModel = imageModel;
		this.imageSize = imageSize;
	}

	@PostMapping("/image")
	Mono<ResponseEntity<byte[]>> image(@RequestBody PromptRequest request) {
		GenerateContentRequest generation = GenerateContentRequest.builder()
			.addContent(Content.user(request.requiredPrompt()))
			.generationConfig(GenerationConfig.builder()
				.responseModalities(Modality.TEXT, Modality.IMAGE)
				.imageConfig(ImageConfig.of(null, this.imageSize))
				.build())
			.build();
		return this.gemini.generateContent(this.imageModel, generation).map((response) -> {
			if (response.images().isEmpty()) {
				return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
					.contentType(MediaType.TEXT_PLAIN)
					.body(("The model answered without an image: " + response.text()).getBytes(StandardCharsets.UTF_8));
			}
			GeneratedImage image = response.images().get(0);
			return ResponseEntity.ok().contentType(MediaType.parseMediaType(image.mimeType())).body(image.bytes());
		});
	}

}
