package io.github.geminicomet.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Inserts citation markers into a candidate's text at the end of each grounding support's segment.
 * Segment offsets are UTF-8 byte offsets into the text of the part the segment is in.
 */
final class Citations {

	private Citations() {
	}

	static String insert(@Nullable Content content, @Nullable GroundingMetadata metadata,
			Function<GroundingSupport, String> marker) {
		String text = (content != null) ? content.text() : "";
		if (metadata == null || metadata.groundingSupports() == null || metadata.groundingSupports().isEmpty()) {
			return text;
		}
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		List<Insertion> insertions = new ArrayList<>();
		for (GroundingSupport support : metadata.groundingSupports()) {
			Segment segment = support.segment();
			if (segment == null || segment.endIndex() == null) {
				continue;
			}
			String mark = marker.apply(support);
			if (mark == null || mark.isEmpty()) {
				continue;
			}
			long offset = partOffset(content, segment.partIndex()) + segment.endIndex();
			int position = (int) Math.max(0, Math.min(offset, bytes.length));
			while (position < bytes.length && (bytes[position] & 0xC0) == 0x80) {
				position++; // never split a multi-byte character
			}
			insertions.add(new Insertion(position, insertions.size(), mark));
		}
		insertions.sort(Comparator.comparingInt(Insertion::position).thenComparingInt(Insertion::order));
		ByteArrayOutputStream result = new ByteArrayOutputStream(bytes.length + insertions.size() * 8);
		int copied = 0;
		for (Insertion insertion : insertions) {
			result.write(bytes, copied, insertion.position() - copied);
			result.writeBytes(insertion.marker().getBytes(StandardCharsets.UTF_8));
			copied = insertion.position();
		}
		result.write(bytes, copied, bytes.length - copied);
		return result.toString(StandardCharsets.UTF_8);
	}

	/**
	 * The byte offset, in the visible text, of the part a segment is in: the UTF-8 length of the visible
	 * text of the parts before it.
	 */
	private static long partOffset(@Nullable Content content, @Nullable Integer partIndex) {
		if (content == null || content.parts() == null || partIndex == null || partIndex <= 0) {
			return 0;
		}
		long offset = 0;
		List<Part> parts = content.parts();
		for (int i = 0; i < Math.min(partIndex, parts.size()); i++) {
			Part part = parts.get(i);
			if (part.text() != null && !part.isThought()) {
				offset += part.text().getBytes(StandardCharsets.UTF_8).length;
			}
		}
		return offset;
	}

	/**
	 * The default marker: the 1-based numbers of the supporting sources, such as {@code [1][3]}.
	 */
	static String numbered(GroundingSupport support) {
		if (support.groundingChunkIndices() == null) {
			return "";
		}
		StringBuilder marker = new StringBuilder();
		for (Integer index : support.groundingChunkIndices()) {
			if (index != null) {
				marker.append('[').append(index + 1).append(']');
			}
		}
		return marker.toString();
	}

	private record Insertion(int position, int order, String marker) {

	}

}
