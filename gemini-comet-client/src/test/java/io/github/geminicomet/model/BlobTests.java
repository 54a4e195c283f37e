package io.github.geminicomet.model;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static io.github.geminicomet.model.ModelFixtures.mapper;
import static io.github.geminicomet.model.ModelFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Blob}.
 */
class BlobTests {

	@Test
	void ofEncodesTheBytesAsStandardBase64() {
		Blob blob = Blob.of("text/plain", "hello?>".getBytes(StandardCharsets.UTF_8));
		assertThat(blob.data()).isEqualTo("aGVsbG8/Pg==");
		assertThat(write(blob)).isEqualTo("{\"mimeType\":\"text/plain\",\"data\":\"aGVsbG8/Pg==\"}");
	}

	@Test
	void bytesDecodesTheData() {
		byte[] bytes = new byte[256];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) i;
		}
		assertThat(Blob.of("application/octet-stream", bytes).bytes()).isEqualTo(bytes);
	}

	@Test
	void bytesDecodesUrlSafeBase64() {
		assertThat(new Blob("text/plain", "aGVsbG8_Pg==").bytes())
			.isEqualTo("hello?>".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void bytesOfABlobWithoutDataIsEmpty() {
		assertThat(new Blob("image/png", null).bytes()).isEmpty();
	}

	@Test
	void dataIsKeptAsTheWireText() {
		Blob blob = mapper.readValue("{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}", Blob.class);
		assertThat(blob.data()).isEqualTo("iVBORw0KGgo=");
		assertThat(write(blob)).isEqualTo("{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}");
	}

}
