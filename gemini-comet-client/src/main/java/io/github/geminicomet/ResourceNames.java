package io.github.geminicomet;

import java.time.Duration;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * What the operations objects share about the API's resources: their names ({@code files/abc},
 * {@code batches/abc}, {@code cachedContents/abc}) and waiting for one to reach a state.
 */
final class ResourceNames {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]*");

	private ResourceNames() {
	}

	/**
	 * The path of a resource of {@code collection} (such as {@code files/}) from its name with or without
	 * the collection prefix.
	 * @throws IllegalArgumentException if the id has characters a resource id never has
	 */
	static String path(String collection, String name, String kind, String example) {
		Assert.notNull(name, "'name' must not be null");
		String id = name.startsWith(collection) ? name.substring(collection.length()) : name;
		if (!ID.matcher(id).matches()) {
			throw new IllegalArgumentException("Invalid " + kind + " name '" + name
					+ "': use the name the API returned, such as '" + example + "'");
		}
		return collection + id;
	}

	/**
	 * Subscribe to {@code check} until it emits (it completes empty while the resource is not there yet),
	 * waiting {@code delay} of the poll's index between polls on a timer, for at most {@code timeout}.
	 */
	static <T> Mono<T> poll(Mono<T> check, LongFunction<Duration> delay, Duration timeout,
			Supplier<? extends Throwable> timeoutError) {
		return check.repeatWhenEmpty(Integer.MAX_VALUE, (polls) -> polls.concatMap((poll) -> Mono.delay(delay.apply(poll))))
			.timeout(timeout, Mono.error(timeoutError));
	}

}
