package io.github.geminicomet.tool;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FunctionCall;
import io.github.geminicomet.model.FunctionResponse;
import io.github.geminicomet.model.Part;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how {@link GeminiTools} runs function calls: arguments converted to the parameters' generic
 * types, results turned into {@code response} objects, reactive and blocking methods, errors reported
 * to the model or failing the exchange, and one turn of calls answered in order.
 */
class GeminiToolCallTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GeminiTools tools = GeminiTools.of(new BookingTools());

	@Test
	void argumentsAreConvertedToTheParametersGenericTypes() {
		Map<String, @Nullable Object> args = new LinkedHashMap<>();
		args.put("guest", Map.of("name", "Ada", "vip", true));
		args.put("room", "SUITE");
		args.put("nights", List.of("2025-03-01", "2025-03-02"));
		args.put("note", null);
		assertThat(response("book", args)).containsExactly(
				Map.entry("result", "Ada (vip) in SUITE on [2025-03-01, 2025-03-02], note=Optional.empty"));
	}

	@Test
	void mapResultIsTheResponseAndOtherValuesAreWrapped() {
		assertThat(response("prices", Map.of())).containsExactly(Map.entry("SUITE", 300), Map.entry("SINGLE", 90));
		assertThat(response("guest", Map.of("name", "Ada")))
			.containsExactly(Map.entry("result", Map.of("name", "Ada", "vip", false)));
		assertThat(response("count", Map.of())).containsExactly(Map.entry("result", 3));
	}

	@Test
	void voidMethodAnswersOkAndNullResultAnswersNull() {
		assertThat(response("cancel", Map.of("id", "b-1"))).containsExactly(Map.entry("result", "ok"));
		Map<String, @Nullable Object> nothing = response("nothing", Map.of());
		assertThat(nothing).containsOnlyKeys("result");
		assertThat(nothing.get("result")).isNull();
	}

	@Test
	void reactiveResultsAreComposed() {
		assertThat(response("monoQuote", Map.of("room", "SINGLE"))).containsExactly(Map.entry("result", 90));
		assertThat(response("fluxRooms", Map.of())).containsExactly(Map.entry("result", List.of("SINGLE", "SUITE")));
		assertThat(response("futureQuote", Map.of())).containsExactly(Map.entry("result", 300));
		assertThat(response("monoVoid", Map.of())).containsExactly(Map.entry("result", "ok"));
		Map<String, @Nullable Object> empty = response("emptyMono", Map.of());
		assertThat(empty).containsOnlyKeys("result");
		assertThat(empty.get("result")).isNull();
	}

	@Test
	void blockingMethodRunsOnBoundedElasticAndReactiveMethodOnTheCallingThread() {
		assertThat((String) response("threadName", Map.of()).get("result")).startsWith("boundedElastic-");
		String caller = Thread.currentThread().getName();
		assertThat(response("reactiveThreadName", Map.of())).containsExactly(Map.entry("result", caller));
	}

	@Test
	void toolExceptionIsReportedToTheModel() {
		assertThat(response("fail", Map.of())).containsExactly(Map.entry("error", "No rooms left"));
		assertThat(response("failChecked", Map.of())).containsExactly(Map.entry("error", "disk on fire"));
		assertThat(response("failMono", Map.of())).containsExactly(Map.entry("error", "quote service down"));
		assertThat(response("failWithoutMessage", Map.of()))
			.containsExactly(Map.entry("error", "UnsupportedOperationException"));
	}

	@Test
	void toolExceptionFailsTheExchangeUnderFailPolicy() {
		GeminiTools failing = this.tools
			.withOptions(ToolCallingOptions.builder().errorPolicy(ToolErrorPolicy.FAIL).build());
		FunctionCall call = new FunctionCall("id-1", "fail", Map.of());
		StepVerifier.create(failing.call(call)).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(ToolExecutionException.class)
				.hasMessageContaining("Function 'fail' (GeminiToolCallTests.BookingTools.fail) failed: No rooms left")
				.hasCauseInstanceOf(IllegalStateException.class);
			assertThat(((ToolExecutionException) ex).getFunctionCall()).isEqualTo(call);
		}).verify(TIMEOUT);
	}

	@Test
	void invalidArgumentsAreReportedToTheModel() {
		assertThat((String) response("cancel", Map.of()).get("error"))
			.isEqualTo("Invalid arguments for function 'cancel': missing required argument 'id'");
		assertThat((String) response("book", Map.of("guest", Map.of("name", "Ada"), "room", "PENTHOUSE",
				"nights", List.of())).get("error"))
			.startsWith("Invalid arguments for function 'book': argument 'room' cannot be read as "
					+ BookingTools.Room.class.getName());
	}

	@Test
	void unknownFunctionIsReportedToTheModel() {
		FunctionResponse response = this.tools.call(new FunctionCall("x-1", "teleport", Map.of())).block(TIMEOUT);
		assertThat(response.id()).isEqualTo("x-1");
		assertThat(response.name()).isEqualTo("teleport");
		assertThat((String) response.response().get("error")).startsWith("Unknown function 'teleport'; the functions are [");
	}

	@Test
	void callsOfOneTurnRunConcurrentlyAndAreAnsweredInCallOrder() throws Exception {
		CountDownLatch latch = new CountDownLatch(3);
		GeminiTools concurrent = GeminiTools.of(new LatchTools(latch));
		List<FunctionCall> calls = List.of(new FunctionCall("a", "slow", Map.of("label", "first")),
				new FunctionCall("b", "arrive", Map.of("label", "second")),
				new FunctionCall("c", "arrive", Map.of("label", "third")));
		Content turn = concurrent.respond(calls).block(TIMEOUT);
		assertThat(turn.role()).isEqualTo("user");
		assertThat(turn.parts()).extracting(Part::functionResponse)
			.extracting(FunctionResponse::id, FunctionResponse::name, (response) -> response.response().get("result"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("a", "slow", "first"),
					org.assertj.core.groups.Tuple.tuple("b", "arrive", "second"),
					org.assertj.core.groups.Tuple.tuple("c", "arrive", "third"));
		assertThat(JSON.writeValueAsString(turn)).isEqualTo("{\"role\":\"user\",\"parts\":["
				+ "{\"functionResponse\":{\"id\":\"a\",\"name\":\"slow\",\"response\":{\"result\":\"first\"}}},"
				+ "{\"functionResponse\":{\"id\":\"b\",\"name\":\"arrive\",\"response\":{\"result\":\"second\"}}},"
				+ "{\"functionResponse\":{\"id\":\"c\",\"name\":\"arrive\",\"response\":{\"result\":\"third\"}}}]}");
	}

	@Test
	void deserializersAreResolvedWhenTheToolsAreCreatedNotWhenTheyAreCalled() {
		// Jackson creates a missing deserializer under a lock: a reactive tool's arguments are read on the
		// calling thread (an event loop), so a call must never be the first to need one
		AtomicInteger lookups = new AtomicInteger();
		JsonMapper mapper = JsonMapper.builder().addModule(new CountingDeserializersModule(lookups)).build();
		GeminiTools counted = GeminiTools.of(ToolCallingOptions.builder().jsonMapper(mapper).build(),
				new BookingTools());
		int resolved = lookups.get();
		assertThat(resolved).isPositive();
		Map<String, @Nullable Object> args = new LinkedHashMap<>();
		args.put("guest", Map.of("name", "Ada", "vip", true));
		args.put("room", "SUITE");
		args.put("nights", List.of("2025-03-01"));
		assertThat(counted.call(new FunctionCall("1", "book", args)).block(TIMEOUT).response()).containsKey("result");
		assertThat(counted.call(new FunctionCall("2", "monoQuote", Map.of("room", "SINGLE"))).block(TIMEOUT)
			.response()).containsEntry("result", 90);
		assertThat(counted.call(new FunctionCall("3", "guest", Map.of("name", "Ada"))).block(TIMEOUT).response())
			.containsEntry("result", Map.of("name", "Ada", "vip", false));
		assertThat(lookups).hasValue(resolved);
	}

	private Map<String, @Nullable Object> response(String name, Map<String, @Nullable Object> args) {
		FunctionResponse response = this.tools.call(new FunctionCall("call-" + name, name, args)).block(TIMEOUT);
		assertThat(response.id()).isEqualTo("call-" + name);
		assertThat(response.name()).isEqualTo(name);
		return response.response();
	}

	/**
	 * Counts the deserializers the mapper creates: it asks every module before building one.
	 */
	static class CountingDeserializersModule extends SimpleModule {

		private final AtomicInteger lookups;

		CountingDeserializersModule(AtomicInteger lookups) {
			super("counting-deserializers");
			this.lookups = lookups;
		}

		@Override
		public void setupModule(SetupContext context) {
			super.setupModule(context);
			context.addDeserializers(new Deserializers.Base() {

				@Override
				public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
					return false;
				}

				@Override
				public @Nullable ValueDeserializer<?> findBeanDeserializer(JavaType type,
						DeserializationConfig config, BeanDescription.Supplier description) {
					CountingDeserializersModule.this.lookups.incrementAndGet();
					return null;
				}

				@Override
				public @Nullable ValueDeserializer<?> findEnumDeserializer(JavaType type,
						DeserializationConfig config, BeanDescription.Supplier description) {
					CountingDeserializersModule.this.lookups.incrementAndGet();
					return null;
				}

			});
		}

	}

	static class BookingTools {

		enum Room {

			SINGLE, SUITE

		}

		record Guest(String name, boolean vip) {
		}

		@GeminiTool(description = "Book a room")
		String book(Guest guest, Room room, List<LocalDate> nights, Optional<String> note) {
			return guest.name() + (guest.vip() ? " (vip)" : "") + " in " + room + " on " + nights + ", note=" + note;
		}

		@GeminiTool(description = "Room prices")
		Map<String, Integer> prices() {
			Map<String, Integer> prices = new LinkedHashMap<>();
			prices.put("SUITE", 300);
			prices.put("SINGLE", 90);
			return prices;
		}

		@GeminiTool(description = "A guest")
		Guest guest(String name) {
			return new Guest(name, false);
		}

		@GeminiTool(description = "Count bookings")
		int count() {
			return 3;
		}

		@GeminiTool(description = "Cancel a booking")
		void cancel(String id) {
		}

		@GeminiTool(description = "Nothing")
		@Nullable String nothing() {
			return null;
		}

		@GeminiTool(description = "Quote")
		Mono<Integer> monoQuote(Room room) {
			return Mono.delay(Duration.ofMillis(10)).map((tick) -> (room == Room.SINGLE) ? 90 : 300);
		}

		@GeminiTool(description = "Rooms")
		Flux<Room> fluxRooms() {
			return Flux.just(Room.SINGLE, Room.SUITE);
		}

		@GeminiTool(description = "Quote later")
		CompletionStage<Integer> futureQuote() {
			return CompletableFuture.supplyAsync(() -> 300);
		}

		@GeminiTool(description = "Mono void")
		Mono<Void> monoVoid() {
			return Mono.empty();
		}

		@GeminiTool(description = "Empty mono")
		Mono<String> emptyMono() {
			return Mono.empty();
		}

		@GeminiTool(description = "Thread name")
		String threadName() {
			return Thread.currentThread().getName();
		}

		@GeminiTool(description = "Reactive thread name")
		Mono<String> reactiveThreadName() {
			return Mono.just(Thread.currentThread().getName());
		}

		@GeminiTool(description = "Fail")
		String fail() {
			throw new IllegalStateException("No rooms left");
		}

		@GeminiTool(description = "Fail checked")
		String failChecked() throws IOException {
			throw new IOException("disk on fire");
		}

		@GeminiTool(description = "Fail mono")
		Mono<String> failMono() {
			return Mono.error(new IllegalStateException("quote service down"));
		}

		@GeminiTool(description = "Fail without message")
		String failWithoutMessage() {
			throw new UnsupportedOperationException();
		}

	}

	static class LatchTools {

		private final CountDownLatch latch;

		LatchTools(CountDownLatch latch) {
			this.latch = latch;
		}

		@GeminiTool(description = "Slow: waits until every call has started")
		String slow(String label) throws InterruptedException {
			return arrive(label);
		}

		@GeminiTool(description = "Waits until every call has started")
		String arrive(String label) throws InterruptedException {
			this.latch.countDown();
			if (!this.latch.await(5, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The calls did not run concurrently");
			}
			return label;
		}

	}

}
