package io.github.geminicomet;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GeminiFile;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.Part;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link FileOperations} against {@link FakeFilesBatchServer}: the resumable upload on the wire.
 */
class FileOperationsTests {

	private static final int GRANULARITY = 256 * 1024;

	@AutoClose
	private final FakeFilesBatchServer server = new FakeFilesBatchServer(GRANULARITY);

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	@AutoClose
	private final GeminiTemplate gemini = TemplateFixtures.templateBuilder(this.server.baseUrl())
		.retry(new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(50), 0, Duration.ofSeconds(1)))
		.observationRegistry(this.observations)
		.build();

	@TempDir
	Path directory;

	@Test
	void uploadSendsChunksResumesAFailedOneAndTheFileIsUsableOnceActive() throws Exception {
		byte[] content = randomBytes(4 * GRANULARITY + 1000);
		Path video = Files.write(this.directory.resolve("talk.mp4"), content);
		this.server.failChunk = 2;
		List<FileOperations.UploadProgress> progress = new CopyOnWriteArrayList<>();

		GeminiFile file = this.gemini.files().upload(video, progress::add).block(TemplateFixtures.TIMEOUT);

		long g = GRANULARITY;
		assertThat(withoutUnplannedResumes(this.server.commands, "query " + 2 * g + " 0"))
			.as("the commands received: %s", this.server.commands)
			.containsExactly(
				"start 0 " + content.length, "upload 0 " + g, "upload " + g + " " + g, "upload " + 2 * g + " " + g,
				"query " + 2 * g + " 0", "upload " + 2 * g + " " + g, "upload " + 3 * g + " " + g,
				"upload, finalize " + 4 * g + " 1000");
		assertThat(this.server.requests).allMatch((request) -> !request.contains("generativelanguage"));
		assertThat(progress).extracting(FileOperations.UploadProgress::bytesUploaded)
			.containsExactly(g, 2 * g, 3 * g, 4 * g, (long) content.length);
		assertThat(file.name()).startsWith("files/");
		assertThat(file.displayName()).isEqualTo("talk.mp4");
		assertThat(file.mimeType()).isEqualTo("video/mp4");
		assertThat(file.sizeBytes()).isEqualTo(content.length);
		assertThat(file.sha256Hex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
		assertThat(file.state()).isEqualTo(GeminiFile.State.PROCESSING);

		GenerateContentRequest prompt = GenerateContentRequest.builder()
			.addContent(Content.user(Media.file(file), Part.text("Summarize the talk")))
			.build();
		StepVerifier.create(this.gemini.generateContent("gemini-3.5-flash-lite", prompt))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(GeminiResponseException.class)
				.hasMessageContaining("400")
				.satisfies((error) -> assertThat(((GeminiResponseException) error).getError().status())
					.isEqualTo("FAILED_PRECONDITION")))
			.verify(TemplateFixtures.TIMEOUT);

		GeminiFile active = this.gemini.files().awaitActive(file.name()).block(TemplateFixtures.TIMEOUT);
		assertThat(active.state()).isEqualTo(GeminiFile.State.ACTIVE);
		StepVerifier.create(this.gemini.generateContent("gemini-3.5-flash-lite", prompt))
			.assertNext((response) -> assertThat(response.text()).isEqualTo("Seen 1 content(s)"))
			.verifyComplete();
		assertThat(this.observations).hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "upload_file");
	}

	/**
	 * The commands without the resumes the test did not plan: now and then the pool hands a chunk a
	 * connection the server has just closed, and the upload then asks the server what it has and sends the
	 * chunk again, as it should (seen once in a clean build). Such a resume is a {@code query} other than
	 * {@code planned}, and maybe a repeat of the chunk it interrupted.
	 */
	private static List<String> withoutUnplannedResumes(List<String> commands, String planned) {
		List<String> kept = new ArrayList<>();
		for (String command : commands) {
			boolean unplannedQuery = command.startsWith("query ") && !command.equals(planned);
			boolean repeat = !kept.isEmpty() && kept.get(kept.size() - 1).equals(command);
			if (!unplannedQuery && !repeat) {
				kept.add(command);
			}
		}
		return kept;
	}

	@Test
	void uploadWhoseAnswerWasLostResumesAfterWhatTheServerHas() {
		this.server.failChunk = 1;
		this.server.failAfterStore = true;
		byte[] content = randomBytes(3 * GRANULARITY);

		GeminiFile file = this.gemini.files()
			.upload(new ByteArrayResource(content), "application/pdf")
			.block(TemplateFixtures.TIMEOUT);

		long g = GRANULARITY;
		assertThat(this.server.commands).containsExactly("start 0 " + 3 * g, "upload 0 " + g, "upload " + g + " " + g,
				"query " + 2 * g + " 0", "upload, finalize " + 2 * g + " " + g);
		assertThat(file.state()).isEqualTo(GeminiFile.State.ACTIVE);
	}

	@Test
	void uploadFromPublisherChecksSizeBeforeSendingAnything() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.gemini.files().upload(Flux.empty(), 3L * 1024 * 1024 * 1024, "video/mp4", "big"))
			.withMessageContaining("2 GB");
		assertThatIllegalArgumentException().isThrownBy(() -> this.gemini.files().upload(Flux.empty(), 0, "video/mp4", "none"))
			.withMessageContaining("empty");
		assertThat(this.server.requests).isEmpty();
	}

	@Test
	void uploadFromPublisherShorterThanItsSizeFailsClearly() {
		Flux<DataBuffer> content = Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(new byte[100]));
		StepVerifier.create(this.gemini.files().upload(content, 200, "text/plain", "short"))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("ended after 100 of its declared 200 bytes"))
			.verify(TemplateFixtures.TIMEOUT);
	}

	@Test
	void listFollowsPagesAndDeleteRemoves() {
		for (int i = 0; i < 3; i++) {
			this.gemini.files().upload(new ByteArrayResource(randomBytes(10)), "text/plain").block(TemplateFixtures.TIMEOUT);
		}
		List<GeminiFile> files = this.gemini.files().list().collectList().block(TemplateFixtures.TIMEOUT);
		assertThat(files).hasSize(3);
		assertThat(this.server.requests).contains("GET /v1beta/files?pageSize=100&pageToken=2");

		this.gemini.files().delete(files.get(0).name()).block(TemplateFixtures.TIMEOUT);
		StepVerifier.create(this.gemini.files().get(files.get(0).name()))
			.expectErrorSatisfies((ex) -> assertThat(((GeminiResponseException) ex).getStatusCode().value()).isEqualTo(404))
			.verify(TemplateFixtures.TIMEOUT);
		assertThat(this.gemini.files().list().count().block(TemplateFixtures.TIMEOUT)).isEqualTo(2);
	}

	@Test
	void awaitActiveFailsClearlyWhenStillProcessingAfterTheTimeout() throws IOException {
		this.server.processingPolls = 1000;
		GeminiFile file = this.gemini.files()
			.upload(Files.write(this.directory.resolve("clip.mp4"), randomBytes(10)))
			.block(TemplateFixtures.TIMEOUT);
		StepVerifier.create(this.gemini.files().awaitActive(file.name(), Duration.ofMillis(1500)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(GeminiFileProcessingException.class)
				.hasMessageContaining("still not ACTIVE")
				.hasMessageContaining("PROCESSING"))
			.verify(TemplateFixtures.TIMEOUT);
	}

	@Test
	void uploadedFilesCannotBeDownloaded() {
		GeminiFile file = this.gemini.files()
			.upload(new ByteArrayResource(randomBytes(10)), "text/plain")
			.block(TemplateFixtures.TIMEOUT);
		StepVerifier.create(this.gemini.files().download(file.name()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(GeminiResponseException.class)
				.hasMessageContaining("Only generated files"))
			.verify(TemplateFixtures.TIMEOUT);
	}

	@Test
	void invalidNamesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.gemini.files().get("files/../models"))
			.withMessageContaining("files/abc-123");
	}

	@Test
	void uploadUrlOnGooglesHostIsRewrittenToTheBaseUrlKeepingItsPath() {
		ResumableUpload upload = new ResumableUpload(null, GeminiTemplate.Builder.defaultJsonMapper(),
				URI.create("https://gateway.example/gemini/upload/v1beta/files"), URI.create("https://gateway.example:8443/gemini"),
				RetrySettings.NONE, 1024);
		assertThat(upload.rewrite(URI.create(
				"https://generativelanguage.googleapis.com/upload/v1beta/files?upload_id=AB-c_1&upload_protocol=resumable")))
			.hasToString("https://gateway.example:8443/gemini/upload/v1beta/files?upload_id=AB-c_1&upload_protocol=resumable");
		assertThat(upload.rewrite(URI.create("https://gateway.example:8443/gemini/upload/v1beta/files?upload_id=x")))
			.hasToString("https://gateway.example:8443/gemini/upload/v1beta/files?upload_id=x");
	}

	static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new Random(length).nextBytes(bytes);
		return bytes;
	}

}
