package io.github.geminicomet;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;

/**
 * Recognizes web pages where Gemini JSON was expected: the error pages of the CDN in front of the gateway
 * (502, 504, 520-524), and a 200 page from a wrong base URL or a captive portal. Describes them by their
 * title or their size, never by their markup.
 */
final class HtmlPages {

	private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title\\s*>",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final int MAX_TITLE_LENGTH = 200;

	/** How far into a page its {@code <html>} tag is looked for. */
	private static final int MAX_PROLOGUE = 1024;

	private HtmlPages() {
	}

	/**
	 * Whether a body is an HTML page: it begins with {@code <!DOCTYPE html} or {@code <html}, after
	 * whitespace, a comment or an XML declaration.
	 */
	static boolean isHtml(String body) {
		int start = 0;
		while (start < body.length() && (Character.isWhitespace(body.charAt(start)) || body.charAt(start) == '\uFEFF')) {
			start++;
		}
		if (start == body.length() || body.charAt(start) != '<') {
			return false;
		}
		String prologue = body.substring(start, Math.min(body.length(), start + MAX_PROLOGUE)).toLowerCase(Locale.ROOT);
		return prologue.startsWith("<!doctype html") || prologue.startsWith("<html") || prologue.contains("<html")
				|| prologue.contains("<head") || prologue.contains("<body");
	}

	/**
	 * A page in a few words: its title in quotes, or "an HTML page of N KB" when it has none.
	 */
	static String describe(String page) {
		Matcher matcher = TITLE.matcher(page);
		if (matcher.find()) {
			String title = unescape(matcher.group(1).replaceAll("<[^>]*>", "").replaceAll("\\s+", " ").strip());
			if (!title.isEmpty()) {
				return "an HTML page titled \"" + ((title.length() > MAX_TITLE_LENGTH)
						? title.substring(0, MAX_TITLE_LENGTH) + "..." : title) + "\"";
			}
		}
		int bytes = page.getBytes(StandardCharsets.UTF_8).length;
		return "an HTML page of " + Math.max(1, (bytes + 1023) / 1024) + " KB";
	}

	/**
	 * What went wrong when a successful status came with a page instead of JSON, in words a user can act on.
	 */
	static String answeredInsteadOfJson(HttpStatusCode status, String page) {
		return "The server answered " + status.value() + " with " + describe(page) + " instead of Gemini JSON: "
				+ "the base URL probably points at a web site rather than the API (check cometapi.gemini.base-url "
				+ "or the builder's baseUrl, such as https://api.cometapi.com), or a captive portal or proxy "
				+ "answered in the gateway's place (sign in to the network, or set cometapi.gemini.proxy.*)";
	}

	/**
	 * Whether a buffer, the first of a body, begins with {@code <} after whitespace: the only byte a page
	 * is told apart by before it is read whole. JSON and server-sent events never begin with it.
	 */
	static boolean beginsWithMarkup(DataBuffer buffer) {
		int end = buffer.writePosition();
		for (int i = buffer.readPosition(); i < end; i++) {
			byte b = buffer.getByte(i);
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return b == '<';
			}
		}
		return false;
	}

	private static String unescape(String text) {
		return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
			.replace("&nbsp;", " ").replace("&amp;", "&");
	}

}
