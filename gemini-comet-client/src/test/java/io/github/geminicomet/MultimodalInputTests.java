package io.github.geminicomet;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.test.StepVerifier;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.Part;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.fixture;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Media}: multimodal parts from bytes, files and resources, their MIME types, the inline
 * size guard, and what goes on the wire.
 */
@ExtendWith(BlockHoundExtension.class)
class MultimodalInputTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	static final byte[] PNG = Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

	@TempDir
	Path directory;

	private GeminiTemplate template;

	@BeforeEach
	void setUp() {
		wireMock.stubFor(any(urlPathMatching(".*:generateContent")).willReturn(okJson(fixture("unary/text.json"))));
		this.template = templateBuilder(baseUrl(wireMock)).build();
	}

	@AfterEach
	void tearDown() {
		this.template.close();
	}

	@Test
	void pathPartIsSentAsBase64InlineDataWithTheDetectedMimeType() throws Exception {
		Path photo = Files.write(this.directory.resolve("Photo.PNG"), PNG);
		send(Content.user(Media.inline(photo), Part.text("What is this?")));
		JSONAssert.assertEquals("""
				{"contents":[{"role":"user","parts":[
				  {"inlineData":{"mimeType":"image/png","data":"%s"}},
				  {"text":"What is this?"}]}]}""".formatted(Base64.getEncoder().encodeToString(PNG)),
				onlyRequest().getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void fileDataPartReferencesAUri() throws Exception {
		send(Content.user(Media.file("https://generativelanguage.googleapis.com/v1beta/files/abc-123", "video/mp4"),
				Part.text("Summarize the video")));
		JSONAssert.assertEquals("""
				{"contents":[{"role":"user","parts":[
				  {"fileData":{"mimeType":"video/mp4","fileUri":"https://generativelanguage.googleapis.com/v1beta/files/abc-123"}},
				  {"text":"Summarize the video"}]}]}""", onlyRequest().getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void resourcePartUsesTheFileNameForTheMimeType() throws Exception {
		Path document = Files.writeString(this.directory.resolve("notes.pdf"), "%PDF-1.7 tiny");
		Part part = Media.inline(new FileSystemResource(document));
		assertThat(part.inlineData().mimeType()).isEqualTo("application/pdf");
		assertThat(part.inlineData().bytes()).isEqualTo("%PDF-1.7 tiny".getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void resourceWithoutFileNameIsSniffed() {
		Part part = Media.inline(new ByteArrayResource(PNG));
		assertThat(part.inlineData().mimeType()).isEqualTo("image/png");
		assertThat(part.inlineData().bytes()).isEqualTo(PNG);
	}

	@Test
	void explicitMimeTypeOverridesDetection() throws Exception {
		Path audio = Files.write(this.directory.resolve("clip.bin"), new byte[] { 1, 2, 3 });
		assertThat(Media.inline(audio, "audio/wav").inlineData().mimeType()).isEqualTo("audio/wav");
		assertThat(Media.inline(PNG, "image/x-custom").inlineData().mimeType()).isEqualTo("image/x-custom");
		assertThat(Media.inline(new ByteArrayResource(PNG), "image/apng").inlineData().mimeType())
			.isEqualTo("image/apng");
	}

	@Test
	void bytesAreSniffedForCommonMediaTypes() {
		assertThat(Media.inline(PNG).inlineData().mimeType()).isEqualTo("image/png");
		assertThat(mimeTypeOf(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 })).isEqualTo("image/jpeg");
		assertThat(mimeTypeOf(ascii("GIF89a..."))).isEqualTo("image/gif");
		assertThat(mimeTypeOf(ascii("%PDF-1.4"))).isEqualTo("application/pdf");
		assertThat(mimeTypeOf(ascii("RIFF\0\0\0\0WEBPVP8 "))).isEqualTo("image/webp");
		assertThat(mimeTypeOf(ascii("RIFF\0\0\0\0WAVEfmt "))).isEqualTo("audio/wav");
		assertThat(mimeTypeOf(ascii("ID3\3\0\0\0"))).isEqualTo("audio/mp3");
		assertThat(mimeTypeOf(ascii("fLaC\0\0\0\""))).isEqualTo("audio/flac");
		assertThat(mimeTypeOf(ascii("OggS\0\2\0\0"))).isEqualTo("audio/ogg");
		assertThat(mimeTypeOf(ascii("\0\0\0\u0018ftypmp42"))).isEqualTo("video/mp4");
		assertThat(mimeTypeOf(ascii("\0\0\0\u0014ftypqt  "))).isEqualTo("video/mov");
		assertThat(mimeTypeOf(ascii("\0\0\0\u0018ftypheic"))).isEqualTo("image/heic");
		assertThat(mimeTypeOf(new byte[] { 0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 0 })).isEqualTo("video/webm");
	}

	@Test
	void fileNamesMapToTheMimeTypesGeminiNames() {
		assertThat(Media.mimeTypeOf("a.jpg")).hasValue("image/jpeg");
		assertThat(Media.mimeTypeOf("a.webp")).hasValue("image/webp");
		assertThat(Media.mimeTypeOf("a.HEIC")).hasValue("image/heic");
		assertThat(Media.mimeTypeOf("talk.mp3")).hasValue("audio/mp3");
		assertThat(Media.mimeTypeOf("talk.wav")).hasValue("audio/wav");
		assertThat(Media.mimeTypeOf("film.mov")).hasValue("video/mov");
		assertThat(Media.mimeTypeOf("report.pdf")).hasValue("application/pdf");
		assertThat(Media.mimeTypeOf("README.md")).hasValue("text/md");
		assertThat(Media.mimeTypeOf("no-extension")).isEmpty();
	}

	@Test
	void undetectableDataAsksForAnExplicitMimeType() throws Exception {
		assertThatIllegalArgumentException().isThrownBy(() -> Media.inline(new byte[] { 1, 2, 3, 4 }))
			.withMessageContaining("Cannot detect the MIME type of 4 bytes")
			.withMessageContaining("Media.inline(bytes, \"image/png\")");
		Path unknown = Files.write(this.directory.resolve("blob"), new byte[] { 1, 2, 3, 4 });
		assertThatIllegalArgumentException().isThrownBy(() -> Media.inline(unknown))
			.withMessageContaining("Cannot detect the MIME type of file '" + unknown + "'");
	}

	@Test
	void fileTooLargeForInlineDataIsRefusedWithoutBeingRead() throws Exception {
		Path video = this.directory.resolve("long.mp4");
		try (RandomAccessFile file = new RandomAccessFile(video.toFile(), "rw")) {
			file.setLength(80L * 1024 * 1024); // sparse: nothing is written
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Media.inline(video))
			.withMessageContaining("File '" + video + "' is 80.0 MB, too large to send inline")
			.withMessageContaining("at most 100.0 MB of base64-encoded inline data per request")
			.withMessageContaining("Files API")
			.withMessageContaining("Media.file(uri, mimeType)");
	}

	@Test
	void requestAboveTheInlineLimitFailsBeforeAnythingIsSent() {
		try (GeminiTemplate small = templateBuilder(baseUrl(wireMock)).maxInlineDataSize(1000).build()) {
			Content prompt = Content.user(Media.inline(new byte[600], "image/png"), Media.inline(new byte[600], "image/png"),
					Part.text("Compare"));
			assertThatIllegalArgumentException()
				.isThrownBy(() -> small.generateContent("gemini-3.5-flash-lite", GenerateContentRequest.of(prompt)))
				.withMessageContaining("The request carries 1600 bytes of inline data (base64), above the limit of "
						+ "1000 bytes (cometapi.gemini.max-inline-data-size)")
				.withMessageContaining("Files API");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> small.streamGenerateContent("gemini-3.5-flash-lite", GenerateContentRequest.of(prompt)));
		}
		assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void requestWithinTheInlineLimitIsSent() {
		try (GeminiTemplate small = templateBuilder(baseUrl(wireMock)).maxInlineDataSize(1000).build()) {
			StepVerifier.create(small.generateContent("gemini-3.5-flash-lite",
					GenerateContentRequest.of(Content.user(Media.inline(new byte[750], "image/png")))))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
		}
	}

	private void send(Content prompt) {
		StepVerifier.create(this.template.generateContent("gemini-3.5-flash-lite", GenerateContentRequest.of(prompt)))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
	}

	private static String mimeTypeOf(byte[] data) {
		return Media.inline(data).inlineData().mimeType();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = wireMock.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
