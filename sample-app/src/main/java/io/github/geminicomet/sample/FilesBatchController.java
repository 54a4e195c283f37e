package io.github.geminicomet.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.github.geminicomet.model.BatchResult;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.Media;
import io.github.geminicomet.model.Batch;
import io.github.geminicomet.model.BatchRequest;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GeminiFile;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.Part;

/**
 * The Files API and batch mode: {@code POST /api/files} (a multipart form with a {@code file}) uploads
 * the file, waits until it is active and asks the model about it; {@code POST /api/batches} with
 * {@code {"prompts": [...]}} submits a small batch and {@code GET /api/batches/{id}} reports its state,
 * with the answers once it has succeeded.
 *
 * @author gemini-comet
 */
@RestController
@RequestMapping("/api")
class FilesBatchController {

	private final GeminiTemplate gemini;

	FilesBatchController(GeminiTemplate gemini) {
		this.gemini = gemini;
	}

	@PostMapping(path = "/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<FileReply> upload(@RequestPart("file") FilePart part) {
		String mimeType = (part.headers().getContentType() != null) ? part.headers().getContentType().toString()
				: Media.mimeTypeOf(part.filename()).orElse(MediaType.APPLICATION_OCTET_STREAM_VALUE);
		return Mono.usingWhen(
				Mono.fromCallable(() -> Files.createTempFile("sample-upload-", ".bin")).subscribeOn(Schedulers.boundedElastic()),
				(path) -> part.transferTo(path)
					.then(Mono.fromCallable(() -> Files.size(path)).subscribeOn(Schedulers.boundedElastic()))
					.flatMap((size) -> this.gemini.files()
						.upload(DataBufferUtils.read(path, DefaultDataBufferFactory.sharedInstance, 64 * 1024), size,
								mimeType, part.filename()))
					.flatMap((file) -> this.gemini.files().awaitActive(file.name(), Duration.ofMinutes(2)))
					.flatMap(this::describe),
				(path) -> Mono.fromCallable(() -> Files.deleteIfExists(path)).subscribeOn(Schedulers.boundedElastic()));
	}

	private Mono<FileReply> describe(GeminiFile file) {
		return this.gemini.generateContent(GenerateContentRequest.builder()
			.addContent(Content.user(Media.file(file), Part.text("Describe this file in one sentence.")))
			.build()).map((response) -> new FileReply(file.name(), file.mimeType(), file.sizeBytes(),
					String.valueOf(file.state()), response.text()));
	}

	@PostMapping("/batches")
	Mono<BatchReply> submit(@RequestBody BatchPrompts request) {
		List<BatchRequest> requests = new ArrayList<>();
		List<String> prompts = request.requiredPrompts();
		for (int i = 0; i < prompts.size(); i++) {
			requests.add(BatchRequest.of("prompt-" + (i + 1), GenerateContentRequest.of(prompts.get(i))));
		}
		return this.gemini.batches()
			.create(this.gemini.getDefaultModel(), requests, "sample-app batch")
			.map((batch) -> reply(batch, List.of()));
	}

	@GetMapping("/batches/{id}")
	Mono<BatchReply> state(@PathVariable String id) {
		return this.gemini.batches().get(id).flatMap((batch) -> (batch.state() == Batch.State.SUCCEEDED)
				? this.gemini.batches().results(id).map(FilesBatchController::answer).collectList()
					.map((answers) -> reply(batch, answers))
				: Mono.just(reply(batch, List.of())));
	}

	private static BatchReply reply(Batch batch, List<Answer> answers) {
		return new BatchReply(batch.name(), String.valueOf(batch.state()), batch.isDone(), answers);
	}

	private static Answer answer(BatchResult result) {
		return result.isSuccess() ? new Answer(result.key(), result.response().text(), null)
				: new Answer(result.key(), null, (result.error() != null) ? result.error().message() : "no answer");
	}

	record FileReply(String name, @Nullable String mimeType, @Nullable Long sizeBytes, String state, String answer) {
	}

	record BatchPrompts(@Nullable List<String> prompts) {

		List<String> requiredPrompts() {
			if (this.prompts == null || this.prompts.isEmpty() || this.prompts.size() > 20) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"Send 1 to 20 prompts, such as {\"prompts\": [\"Why is the sky blue?\"]}");
			}
			return this.prompts;
		}

	}

	record BatchReply(String name, String state, boolean done, List<Answer> answers) {
	}

	record Answer(String key, @Nullable String text, @Nullable String error) {
	}

}
