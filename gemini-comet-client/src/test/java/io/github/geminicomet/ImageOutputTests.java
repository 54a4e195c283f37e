package io.github.geminicomet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GeneratedImage;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.ImageConfig;
import io.github.geminicomet.model.Modality;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for image output: the request asks for images, and the generated images come back typed.
 */
@ExtendWith(BlockHoundExtension.class)
class ImageOutputTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final byte[] PNG = MultimodalInputTests.PNG;

	private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F' };

	@TempDir
	Path directory;

	private GeminiTemplate template;

	@BeforeEach
	void setUp() {
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-2.5-flash-image:generateContent")).willReturn(okJson("""
				{"candidates":[{"content":{"role":"model","parts":[
				  {"text":"Sketching a cat first.","thought":true},
				  {"inlineData":{"mimeType":"image/png","data":"%s"},"thought":true},
				  {"text":"Here is your cat:"},
				  {"inlineData":{"mimeType":"image/png","data":"%s"}},
				  {"inlineData":{"mimeType":"image/jpeg","data":"%s"},"thoughtSignature":"aW1n"}]},
				 "finishReason":"STOP","index":0}],
				 "usageMetadata":{"promptTokenCount":17,"candidatesTokenCount":1300,"totalTokenCount":1317,
				  "candidatesTokensDetails":[{"modality":"IMAGE","tokenCount":1290}]},
				 "modelVersion":"gemini-2.5-flash-image"}""".formatted(base64(PNG), base64(PNG), base64(JPEG)))));
		this.template = templateBuilder(baseUrl(wireMock)).build();
	}

	@AfterEach
	void tearDown() {
		this.template.close();
	}

	@Test
	void requestAsksForTextAndImageWithImageConfig() throws Exception {
		generate();
		JSONAssert.assertEquals("""
				{"contents":[{"role":"user","parts":[{"text":"Draw a cat"}]}],
				 "generationConfig":{"responseModalities":["TEXT","IMAGE"],
				  "imageConfig":{"aspectRatio":"16:9","imageSize":"2K"}}}""",
				wireMock.findAll(anyRequestedFor(anyUrl())).get(0).getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void generatedImagesAreDecodedWithTheirMimeTypeAndThoughtImagesLeftOut() {
		GenerateContentResponse response = generate();
		List<GeneratedImage> images = response.images();
		assertThat(images).containsExactly(new GeneratedImage("image/png", PNG), new GeneratedImage("image/jpeg", JPEG));
		assertThat(images.get(0).size()).isEqualTo(PNG.length);
		assertThat(images.get(0).fileExtension()).isEqualTo("png");
		assertThat(images.get(1).fileExtension()).isEqualTo("jpg");
		assertThat(images.get(1).toString()).isEqualTo("GeneratedImage[mimeType=image/jpeg, 10 bytes]");
		assertThat(response.text()).isEqualTo("Here is your cat:");
		assertThat(response.firstCandidate().content().images()).isEqualTo(images);
	}

	@Test
	void generatedImageIsWrittenToAFileInOneCall() throws Exception {
		GeneratedImage image = generate().images().get(0);
		Path written = image.writeTo(this.directory.resolve("cat." + image.fileExtension()));
		assertThat(written).hasFileName("cat.png");
		assertThat(Files.readAllBytes(written)).isEqualTo(PNG);
	}

	@Test
	void generatedImageBytesCannotBeChangedFromOutside() {
		byte[] bytes = PNG.clone();
		GeneratedImage image = new GeneratedImage("image/png", bytes);
		bytes[0] = 0;
		image.bytes()[1] = 0;
		assertThat(image.bytes()).isEqualTo(PNG);
	}

	@Test
	void responseWithoutImagesHasNone() {
		assertThat(new GenerateContentResponse(null, null, null, null, null, null).images()).isEmpty();
	}

	private GenerateContentResponse generate() {
		GenerateContentRequest request = GenerateContentRequest.builder()
			.addContent(Content.user("Draw a cat"))
			.generationConfig(GenerationConfig.builder()
				.responseModalities(Modality.TEXT, Modality.IMAGE)
				.imageConfig(ImageConfig.of("16:9", "2K"))
				.build())
			.build();
		return this.template.generateContent("gemini-2.5-flash-image", request).block(TIMEOUT);
	}

	private static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

}
