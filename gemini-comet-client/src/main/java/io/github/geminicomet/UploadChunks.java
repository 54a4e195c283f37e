package io.github.geminicomet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * Cuts content into the chunks of a resumable upload: each holds {@code chunkSize} bytes (the last one
 * the rest), copied out of the incoming buffers, which are released at once, into segments of
 * {@value #SEGMENT_SIZE} bytes (small arrays: a chunk of several MB as one array would be a humongous
 * object that a small heap cannot place). At most a few chunks are in memory at a time, whatever the size
 * of the content.
 */
final class UploadChunks {

	static final int SEGMENT_SIZE = 64 * 1024;

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
	 * One chunk: its bytes (in segments) and where they start in the content.
	 */
	record Chunk(List<byte[]> segments, long start, int length, boolean last) {

		long end() {
			return this.start + this.length;
		}

		/** The bytes from {@code skip} on, as buffers that share the segments. */
		Flux<DataBuffer> content(int skip) {
			List<DataBuffer> buffers = new ArrayList<>(this.segments.size());
			int position = 0;
			for (byte[] segment : this.segments) {
				int from = Math.max(0, skip - position);
				if (from < segment.length) {
					buffers.add(DefaultDataBufferFactory.sharedInstance
						.wrap(ByteBuffer.wrap(segment, from, segment.length - from).slice()));
				}
				position += segment.length;
			}
			return Flux.fromIterable(buffers);
		}

	}

	/** The state of one cut: the chunk being filled and how much was read. */
	private static final class Cutter {

		private final long size;

		private final int chunkSize;

		private long read;

		private long chunkStart;

		private int chunkLength;

		private List<byte[]> segments = new ArrayList<>();

		private byte[] segment;

		private int segmentFilled;

		private int chunkFilled;

		Cutter(long size, int chunkSize) {
			this.size = size;
			this.chunkSize = chunkSize;
			startChunk(0);
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
					int count = Math.min(buffer.readableByteCount(), this.segment.length - this.segmentFilled);
					buffer.read(this.segment, this.segmentFilled, count);
					this.segmentFilled += count;
					this.chunkFilled += count;
					this.read += count;
					if (this.segmentFilled == this.segment.length) {
						this.segments.add(this.segment);
						if (this.chunkFilled == this.chunkLength) {
							chunks.add(new Chunk(List.copyOf(this.segments), this.chunkStart, this.chunkLength,
									this.read == this.size));
							startChunk(this.read);
						}
						else {
							this.segment = new byte[Math.min(SEGMENT_SIZE, this.chunkLength - this.chunkFilled)];
							this.segmentFilled = 0;
						}
					}
				}
				return chunks;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}

		private void startChunk(long start) {
			this.chunkStart = start;
			this.chunkLength = (int) Math.min(this.chunkSize, this.size - start);
			this.chunkFilled = 0;
			this.segments = new ArrayList<>();
			this.segment = new byte[Math.min(SEGMENT_SIZE, this.chunkLength)];
			this.segmentFilled = 0;
		}

		Mono<Chunk> checkComplete() {
			if (this.read < this.size) {
				return Mono.error(new IllegalStateException("The content ended after " + this.read
						+ " of its declared " + this.size + " bytes: pass its exact size"));
			}
			return Mono.empty();
		}

	}

}
