package io.github.geminicomet;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;

/**
 * Wiretap that logs the bytes of each exchange as text at DEBUG, with the API key (and the proxy's
 * credentials) replaced by
 * {@code ******}, under the category {@value #CATEGORY}.
 */
@ChannelHandler.Sharable
final class MaskingLoggingHandler extends LoggingHandler {

	static final String CATEGORY = "io.github.geminicomet.wiretap";

	private static final String MASK = "******";

	private static final int MAX_LOGGED = 16 * 1024;

	private final String secret;

	/** Others, such as the proxy's password and the header that carries it. */
	private final String[] moreSecrets;

	MaskingLoggingHandler(String secret, String... moreSecrets) {
		super(CATEGORY, LogLevel.DEBUG);
		this.secret = secret;
		this.moreSecrets = moreSecrets;
	}

	@Override
	protected String format(ChannelHandlerContext ctx, String eventName, Object arg) {
		ByteBuf content = (arg instanceof ByteBuf buf) ? buf
				: (arg instanceof ByteBufHolder holder) ? holder.content() : null;
		if (content == null) {
			return mask(super.format(ctx, eventName, arg));
		}
		int length = content.readableBytes();
		String text = content.toString(content.readerIndex(), Math.min(length, MAX_LOGGED), StandardCharsets.UTF_8);
		String suffix = (length > MAX_LOGGED) ? "...(" + length + " bytes)" : "";
		return mask(ctx.channel() + " " + eventName + ": " + length + "B\n" + text + suffix);
	}

	@Override
	protected String format(ChannelHandlerContext ctx, String eventName, Object firstArg, Object secondArg) {
		return mask(super.format(ctx, eventName, firstArg, secondArg));
	}

	@Override
	protected String format(ChannelHandlerContext ctx, String eventName) {
		return mask(super.format(ctx, eventName));
	}

	private String mask(String text) {
		String masked = text.replace(this.secret, MASK);
		for (String other : this.moreSecrets) {
			masked = masked.replace(other, MASK);
		}
		return masked;
	}

}
