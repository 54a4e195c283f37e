package io.github.geminicomet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.geminicomet.model.GeminiFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link FileOperations} uploads in a small heap: the build runs this class alone in a JVM
 * limited to 64 MB ({@code small-heap} execution of Surefire), where an upload that held the file in
 * memory would fail with {@link OutOfMemoryError}.
 */
class FileUploadSmallHeapTests {

	private static final long FILE_SIZE = 320L * 1024 * 1024;

	/** Google's live granularity. */
	private static final int GRANULARITY = 8 * 1024 * 1024;

	@AutoClose
	private final FakeFilesBatchServer server = new FakeFilesBatchServer(GRANULARITY);

	@AutoClose
	private final GeminiTemplate gemini = TemplateFixtures.templateBuilder(this.server.baseUrl()).build();

	@TempDir
	Path directory;

	@Test
	void uploadOfAFileFiveTimesTheHeapStreamsItChunkByChunk() throws IOException {
		assumeTrue(Boolean.getBoolean("gemini.test.small-heap"), "runs in the small-heap execution only");
		assertThat(Runtime.getRuntime().maxMemory()).as("heap of the small-heap execution (-Xmx64m)")
			.isLessThan(FILE_SIZE / 4);
		Path file = generate(this.directory.resolve("big.mp4"), FILE_SIZE);
		AtomicLong uploaded = new AtomicLong();

		GeminiFile uploadedFile = this.gemini.files()
			.upload(file, (progress) -> uploaded.set(progress.bytesUploaded()))
			.block(Duration.ofSeconds(30));

		assertThat(uploadedFile.sizeBytes()).isEqualTo(FILE_SIZE);
		assertThat(uploaded.get()).isEqualTo(FILE_SIZE);
		assertThat(this.server.commands).hasSize(1 + (int) (FILE_SIZE / GRANULARITY))
			.last()
			.isEqualTo("upload, finalize " + (FILE_SIZE - GRANULARITY) + " " + GRANULARITY);
	}

	private static Path generate(Path path, long size) throws IOException {
		ByteBuffer block = ByteBuffer.allocate(1024 * 1024);
		for (int i = 0; i < block.capacity(); i++) {
			block.put((byte) (i * 31 + 7));
		}
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			for (long written = 0; written < size; written += block.capacity()) {
				block.rewind();
				while (block.hasRemaining()) {
					channel.write(block);
				}
			}
		}
		return path;
	}

}
