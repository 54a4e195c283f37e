package io.github.geminicomet.test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes small RGB PNG images without {@code java.awt}: a diagonal gradient between two colours.
 *
 * @author gemini-comet
 */
final class PngImage {

	private static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private PngImage() {
	}

	/**
	 * A gradient from one colour (top left) to another (bottom right), with a lighter disc in the middle.
	 */
	static byte[] gradient(int width, int height, int fromRgb, int toRgb) {
		byte[] raw = new byte[height * (1 + width * 3)];
		int i = 0;
		double radius = Math.min(width, height) / 4.0;
		for (int y = 0; y < height; y++) {
			raw[i++] = 0; // filter: none
			for (int x = 0; x < width; x++) {
				double t = (x + y) / (double) (width + height - 2);
				boolean disc = Math.hypot(x - width / 2.0, y - height / 2.0) < radius;
				for (int shift = 16; shift >= 0; shift -= 8) {
					int from = (fromRgb >> shift) & 0xFF;
					int to = (toRgb >> shift) & 0xFF;
					int value = (int) Math.round(from + (to - from) * t);
					raw[i++] = (byte) (disc ? (value + 255) / 2 : value);
				}
			}
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		png.writeBytes(SIGNATURE);
		ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height);
		header.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit RGB
		chunk(png, "IHDR", header.array());
		chunk(png, "IDAT", deflate(raw));
		chunk(png, "IEND", new byte[0]);
		return png.toByteArray();
	}

	private static byte[] deflate(byte[] data) {
		Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		try {
			deflater.setInput(data);
			deflater.finish();
			ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
			byte[] buffer = new byte[8192];
			while (!deflater.finished()) {
				out.write(buffer, 0, deflater.deflate(buffer));
			}
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		png.writeBytes(typeBytes);
		png.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

}
