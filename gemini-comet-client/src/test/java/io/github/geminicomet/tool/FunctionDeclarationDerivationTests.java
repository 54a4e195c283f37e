package io.github.geminicomet.tool;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.framework.ProxyFactory;

import io.github.geminicomet.model.FunctionCall;
import io.github.geminicomet.model.FunctionDeclaration;
import io.github.geminicomet.model.FunctionResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the {@link io.github.geminicomet.model.FunctionDeclaration}s that {@link GeminiTools} derives
 * from {@link GeminiTool @GeminiTool} methods: one property per parameter in declaration order, schemas
 * from the structured-output generator, required unless optional, proxies looked through, and clear
 * errors for what cannot be declared.
 */
class FunctionDeclarationDerivationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void instanceMethodWithRecordEnumAndListParametersIsDeclaredInParameterOrder() throws Exception {
		List<FunctionDeclaration> declarations = GeminiTools.declarations(new TripTools());
		JSONAssert.assertEquals("""
				[{"name":"plan_trip","description":"Plan a trip to a place on some dates",
				  "parameters":{"type":"OBJECT",
				    "properties":{
				      "destination":{"type":"OBJECT","description":"Where to go",
				        "properties":{"city":{"type":"STRING"},"country":{"type":"STRING","nullable":true}},
				        "required":["city"],"propertyOrdering":["city","country"]},
				      "mode":{"type":"STRING","format":"enum","enum":["TRAIN","PLANE","CAR"]},
				      "dates":{"type":"ARRAY","items":{"type":"STRING","format":"date"},
				        "description":"The days of the trip"},
				      "travellers":{"type":"INTEGER","format":"int32"},
				      "note":{"type":"STRING","nullable":true},
				      "budget":{"type":"NUMBER","format":"double","nullable":true}},
				    "required":["destination","mode","dates","travellers"],
				    "propertyOrdering":["destination","mode","dates","travellers","note","budget"]}},
				 {"name":"weather","description":"Current weather in a city",
				  "parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},
				    "required":["city"],"propertyOrdering":["city"]}}]""",
				JSON.writeValueAsString(declarations), JSONCompareMode.STRICT);
	}

	@Test
	void methodWithoutParametersIsDeclaredWithoutParameters() throws Exception {
		JSONAssert.assertEquals("""
				[{"name":"now","description":"The current time"}]""",
				JSON.writeValueAsString(GeminiTools.declarations(new ClockTools())), JSONCompareMode.STRICT);
	}

	@Test
	void notRequiredAnnotatedParameterIsOptionalButNotNullable() {
		FunctionDeclaration declaration = GeminiTools.declarations(new SearchTools()).get(0);
		assertThat(declaration.parameters().required()).containsExactly("query");
		assertThat(declaration.parameters().properties().get("limit").nullable()).isNull();
		assertThat(declaration.parameters().properties().get("limit").description()).isEqualTo("At most this many");
		assertThat(declaration.parameters().properties()).containsOnlyKeys("query", "limit");
	}

	@Test
	void mapParameterMakesTheDeclarationJsonSchema() throws Exception {
		FunctionDeclaration declaration = GeminiTools.declarations(new TagTools()).get(0);
		assertThat(declaration.parameters()).isNull();
		JSONAssert.assertEquals("""
				{"type":"object",
				 "properties":{
				   "id":{"type":"string","description":"The document id"},
				   "tags":{"type":"object","additionalProperties":{"type":"integer","format":"int32"}}},
				 "required":["id","tags"],
				 "propertyOrdering":["id","tags"]}""", JSON.writeValueAsString(declaration.parametersJsonSchema()),
				JSONCompareMode.STRICT);
	}

	@Test
	void recursiveParameterTypesShareOneDefsSection() throws Exception {
		FunctionDeclaration declaration = GeminiTools.declarations(new TreeTools()).get(0);
		String json = JSON.writeValueAsString(declaration.parametersJsonSchema());
		JSONAssert.assertEquals("""
				{"type":"object",
				 "properties":{"root":{"$ref":"#/$defs/Node"},"other":{"$ref":"#/$defs/Node"}},
				 "required":["root","other"],
				 "propertyOrdering":["root","other"],
				 "$defs":{"Node":{"type":"object",
				   "properties":{"label":{"type":"string"},"children":{"type":"array","items":{"$ref":"#/$defs/Node"}}},
				   "required":["label"],"propertyOrdering":["label","children"]}}}""", json, JSONCompareMode.STRICT);
	}

	@Test
	void typeVariablesAreResolvedAgainstTheToolClass() {
		FunctionDeclaration declaration = GeminiTools.declarations(new CityRepositoryTools()).get(0);
		assertThat(declaration.parameters().properties().get("item").type())
			.isEqualTo(io.github.geminicomet.model.Schema.Type.OBJECT);
		assertThat(declaration.parameters().properties().get("item").properties()).containsOnlyKeys("city", "country");
	}

	@Test
	void staticMethodsAreDeclaredFromAClass() {
		assertThat(GeminiTools.of(StaticTools.class).getFunctionNames()).containsExactly("add");
		assertThat(GeminiTools.of(new StaticTools()).getFunctionNames()).containsExactly("add");
	}

	@Test
	void jdkProxyIsLookedThroughAndCallsGoThroughTheProxy() {
		AtomicInteger advised = new AtomicInteger();
		ProxyFactory factory = new ProxyFactory(new GreeterImpl());
		factory.addInterface(Greeter.class);
		factory.addAdvice((MethodInterceptor) (invocation) -> {
			advised.incrementAndGet();
			return invocation.proceed();
		});
		Object proxy = factory.getProxy();
		assertThat(proxy).isNotInstanceOf(GreeterImpl.class);
		GeminiTools tools = GeminiTools.of(proxy);
		assertThat(tools.getDeclarations()).extracting(FunctionDeclaration::name).containsExactly("greet");
		assertThat(tools.getDeclarations().get(0).parameters().properties().get("name").description())
			.isEqualTo("Who to greet");
		FunctionResponse response = tools.call(new FunctionCall("c1", "greet", Map.of("name", "Ada"))).block();
		assertThat(response.response()).containsEntry("result", "Hello, Ada");
		assertThat(advised).hasValue(1);
	}

	@Test
	void cglibProxyIsLookedThroughAndCallsGoThroughTheProxy() {
		AtomicInteger advised = new AtomicInteger();
		ProxyFactory factory = new ProxyFactory(new TripTools());
		factory.setProxyTargetClass(true);
		factory.addAdvice((MethodInterceptor) (invocation) -> {
			advised.incrementAndGet();
			return invocation.proceed();
		});
		Object proxy = factory.getProxy();
		assertThat(proxy.getClass()).isNotEqualTo(TripTools.class);
		GeminiTools tools = GeminiTools.of(proxy);
		assertThat(tools.getFunctionNames()).containsExactly("plan_trip", "weather");
		FunctionResponse response = tools.call(new FunctionCall(null, "weather", Map.of("city", "Oslo"))).block();
		assertThat(response.response()).containsEntry("result", "Snow in Oslo");
		assertThat(advised).hasValue(1);
	}

	@Test
	void privateMethodOfACglibProxyIsRejected() {
		ProxyFactory factory = new ProxyFactory(new PrivateTools());
		factory.setProxyTargetClass(true);
		factory.addAdvice((MethodInterceptor) (invocation) -> invocation.proceed());
		assertThatIllegalArgumentException().isThrownBy(() -> GeminiTools.of(factory.getProxy()))
			.withMessageContaining("PrivateTools.secret cannot be called through the proxy")
			.withMessageContaining("make it neither private nor final");
		assertThat(GeminiTools.of(new PrivateTools()).getFunctionNames()).containsExactly("secret");
	}

	@Test
	void objectWithoutAnnotatedMethodIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> GeminiTools.of(new Object()))
			.withMessageContaining("No @GeminiTool method found on java.lang.Object");
	}

	@Test
	void duplicateFunctionNamesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> GeminiTools.of(new TripTools(), new OtherWeatherTools()))
			.withMessageContaining("Two @GeminiTool methods are both named 'weather'")
			.withMessageContaining("TripTools.weather")
			.withMessageContaining("OtherWeatherTools.forecast");
	}

	@Test
	void invalidFunctionNameIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> GeminiTools.of(new BadNameTools()))
			.withMessageContaining("Invalid function name '1st tool'")
			.withMessageContaining("^[a-zA-Z_][a-zA-Z0-9_.-]{0,63}$");
	}

	@Test
	void unsupportedParameterTypeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> GeminiTools.of(new UntypedTools()))
			.withMessageContaining("Unsupported type java.lang.Object of parameter 'value'")
			.withMessageContaining("UntypedTools.store");
	}

	@Test
	void optionalPrimitiveParameterIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> GeminiTools.of(new OptionalPrimitiveTools()))
			.withMessageContaining("cannot be optional: use Integer instead");
	}

	@Test
	void instanceMethodGivenAsClassIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> GeminiTools.of(ClockTools.class))
			.withMessageContaining("is an instance method");
	}

	record Place(String city, @Nullable String country) {
	}

	enum TravelMode {

		TRAIN, PLANE, CAR

	}

	static class TripTools {

		@GeminiTool(name = "plan_trip", description = "Plan a trip to a place on some dates")
		public String planTrip(@GeminiToolParam(description = "Where to go") Place destination, TravelMode mode,
				@JsonPropertyDescription("The days of the trip") List<LocalDate> dates, int travellers,
				@Nullable String note, Optional<Double> budget) {
			return destination.city() + " by " + mode + " on " + dates + " for " + travellers;
		}

		@GeminiTool(description = "Current weather in a city")
		public String weather(String city) {
			return "Snow in " + city;
		}

		public String notATool(String city) {
			return city;
		}

	}

	static class ClockTools {

		@GeminiTool(description = "The current time")
		String now() {
			return "12:00";
		}

	}

	static class SearchTools {

		@GeminiTool(description = "Search")
		List<String> search(String query,
				@GeminiToolParam(description = "At most this many", required = false) Integer limit) {
			return List.of(query);
		}

	}

	static class TagTools {

		@GeminiTool(description = "Tag a document")
		void tag(@GeminiToolParam(description = "The document id") String id, Map<String, Integer> tags) {
		}

	}

	record Node(String label, List<Node> children) {
	}

	static class TreeTools {

		@GeminiTool(description = "Compare two trees")
		boolean compare(Node root, Node other) {
			return root.equals(other);
		}

	}

	abstract static class RepositoryTools<T> {

		@GeminiTool(description = "Save an item")
		public String save(T item) {
			return "saved " + item;
		}

	}

	static class CityRepositoryTools extends RepositoryTools<Place> {

	}

	static class StaticTools {

		@GeminiTool(description = "Add two numbers")
		static int add(int a, int b) {
			return a + b;
		}

	}

	interface Greeter {

		@GeminiTool(description = "Greet someone")
		String greet(@GeminiToolParam(description = "Who to greet") String name);

	}

	static class GreeterImpl implements Greeter {

		@Override
		public String greet(String name) {
			return "Hello, " + name;
		}

	}

	static class OtherWeatherTools {

		@GeminiTool(name = "weather", description = "Weather forecast")
		String forecast(String city) {
			return city;
		}

	}

	static class BadNameTools {

		@GeminiTool(name = "1st tool", description = "Bad")
		String bad() {
			return "";
		}

	}

	static class UntypedTools {

		@GeminiTool(description = "Store anything")
		void store(String key, Object value) {
		}

	}

	static class PrivateTools {

		private final String value = "42";

		@GeminiTool(description = "A secret")
		private String secret() {
			return this.value;
		}

	}

	static class OptionalPrimitiveTools {

		@GeminiTool(description = "Count")
		int count(@GeminiToolParam(required = false) int limit) {
			return limit;
		}

	}

}
