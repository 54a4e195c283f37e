package io.github.geminicomet;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Cuts content into the chunks of a resumable upload: each holds {@code chunkSize} bytes (the last one
 * the rest), copied out of the incoming buffers, which are released at once. At most a few chunks are in
 * memory at a time, whatever the size of the content.
 */
final class UploadChunks {

	private UploadChunks() {
	}

	/**
	 * The chunks of {@code content}, which must hold exactly {@code size} bytes.
	 */
	static Flux<Chunk> of(Flux<DataBuffer> content, long size, int chunkSize) {
		return Flux.defer(() -> {
			Cutter cutter = new Cutter(size, chunkSize);
			return content.concatMapIterable(cutter::fill, 4).concatWith(Mono.defer(cutter::checkComplete));
		});
	}

	/**
	 * One chunk: its bytes and where they start in the content.
	 */
	record Chunk(byte[] bytes, long start, boolean last) {

		long end() {
			return this.start + this.bytes.length;
		}

	}

	/** The state of one cut: the chunk being filled and how much was read. */
	private static final class Cutter {

		private final long size;

		private final int chunkSize;

		private long read;

		private byte[] current;

		private int filled;

		Cutter(long size, int chunkSize) {
			this.size = size;
			this.chunkSize = chunkSize;
			this.current = new byte[nextLength(0)];
		}

		List<Chunk> fill(DataBuffer buffer) {
			try {
				int length = buffer.readableByteCount();
				if (this.read + length > this.size) {
					throw new IllegalStateException("The content holds more bytes than its declared size of "
							+ this.size + ": pass its exact size");
				}
				List<Chunk> chunks = new ArrayList<>(1);
				while (buffer.readableByteCount() > 0) {
					int count = Math.min(buffer.readableByteCount(), this.current.length - this.filled);
					buffer.read(this.current, this.filled, count);
					this.filled += count;
					this.read += count;
					if (this.filled == this.current.length) {
						long start = this.read - this.filled;
						chunks.add(new Chunk(this.current, start, this.read == this.size));
						this.current = new byte[nextLength(this.read)];
						this.filled = 0;
					}
				}
				return chunks;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}

		Mono<Chunk> checkComplete() {
			if (this.read < this.size) {
				return Mono.error(new IllegalStateException("The content ended after " + this.read
						+ " of its declared " + this.size + " bytes: pass its exact size"));
			}
			return Mono.empty();
		}

		private int nextLength(long position) {
			return (int) Math.min(this.chunkSize, this.size - position);
		}

	}

}
