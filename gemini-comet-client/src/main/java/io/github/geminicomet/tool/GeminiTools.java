package io.github.geminicomet.tool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FunctionCall;
import io.github.geminicomet.model.FunctionDeclaration;
import io.github.geminicomet.model.FunctionResponse;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.Tool;

/**
 * The {@link GeminiTool @GeminiTool} methods of some objects: their function declarations, and the
 * means to run the model's function calls and answer them. Immutable and thread-safe; everything is
 * checked when it is created, so a bad tool fails at startup, not in the middle of a conversation.
 *
 * <p>The automatic loop ({@link io.github.geminicomet.GeminiOperations#withTools(Object...)}) uses it;
 * use it directly for <em>manual</em> function calling, when the application decides what to run:
 *
 * <pre class="code">
 * GeminiTools tools = GeminiTools.of(weatherTools);
 * GenerateContentRequest request = GenerateContentRequest.builder()
 *     .addContent(Content.user("Weather in Paris?"))
 *     .addTool(tools.toTool())
 *     .build();
 * gemini.generateContent(request).flatMap((response) -&gt; response.functionCalls().isEmpty()
 *         ? Mono.just(response)
 *         : tools.respond(response.functionCalls()).flatMap((answers) -&gt; gemini.generateContent(
 *             request.toBuilder()
 *                 .addContent(response.firstCandidate().content()) // the model's turn, signatures included
 *                 .addContent(answers)                             // the functionResponse parts
 *                 .build())));
 * </pre>
 *
 * <p><strong>Calls.</strong> The model's {@code args} are converted to each parameter's generic type
 * with the options' {@code JsonMapper}. A method that returns a {@code Map} (or a JSON object node)
 * answers with it as the {@code response} object; any other value is wrapped as
 * {@code {"result": value}}; a method returning {@code void} (or {@code Mono<Void>}) answers
 * {@code {"result": "ok"}}, and a {@code null} or empty result {@code {"result": null}}. Blocking
 * methods run on the options' scheduler ({@code boundedElastic} by default), never on an event loop;
 * methods returning a {@code Mono}, {@code Flux} (collected into a list), other {@code Publisher} or
 * {@code CompletionStage} are composed without a thread switch. A failing method (or arguments that do
 * not fit its parameters) answers {@code {"error": "<message>"}} under
 * {@link ToolErrorPolicy#REPORT_TO_MODEL}, or fails with a {@link ToolExecutionException} under
 * {@link ToolErrorPolicy#FAIL}. A call of a function none of the objects declares always answers
 * {@code {"error": "..."}}, so the model can correct itself.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public final class GeminiTools {

	private static final Log logger = LogFactory.getLog(GeminiTools.class);

	private final List<Object> toolObjects;

	private final Map<String, ToolMethod> methods;

	private final List<FunctionDeclaration> declarations;

	private final ToolCallingOptions options;

	private GeminiTools(List<Object> toolObjects, Map<String, ToolMethod> methods, ToolCallingOptions options) {
		this.toolObjects = toolObjects;
		this.methods = methods;
		this.declarations = methods.values().stream().map(ToolMethod::declaration).toList();
		this.options = options;
		for (ToolMethod method : methods.values()) {
			method.resolveConverters(options.jsonMapper());
		}
	}

	/**
	 * Describe the {@code @GeminiTool} methods of the given objects, with the default options.
	 * @param toolObjects objects with {@code @GeminiTool} methods (beans, proxied or not, plain
	 * instances, or classes for their static methods)
	 * @return the tools
	 * @throws IllegalArgumentException if an object has no {@code @GeminiTool} method, two methods have
	 * the same function name, a name is invalid, or a parameter's type cannot be described
	 */
	public static GeminiTools of(Object... toolObjects) {
		return of(ToolCallingOptions.DEFAULT, toolObjects);
	}

	/**
	 * Describe the {@code @GeminiTool} methods of the given objects.
	 * @param options how calls are run and answered
	 * @param toolObjects objects with {@code @GeminiTool} methods
	 * @return the tools
	 * @throws IllegalArgumentException if an object has no {@code @GeminiTool} method, two methods have
	 * the same function name, a name is invalid, or a parameter's type cannot be described
	 */
	public static GeminiTools of(ToolCallingOptions options, Object... toolObjects) {
		Assert.notNull(options, "'options' must not be null");
		Assert.notNull(toolObjects, "'toolObjects' must not be null");
		Assert.notEmpty(toolObjects, "At least one tool object is required");
		Assert.noNullElements(toolObjects, "'toolObjects' must not contain null elements");
		Map<String, ToolMethod> methods = new LinkedHashMap<>();
		for (Object toolObject : toolObjects) {
			for (ToolMethod method : ToolMethod.resolve(toolObject)) {
				ToolMethod existing = methods.putIfAbsent(method.name(), method);
				if (existing != null) {
					throw new IllegalArgumentException("Two @GeminiTool methods are both named '" + method.name()
							+ "': " + existing.displayName() + " and " + method.displayName()
							+ "; give one another name with @GeminiTool(name = \"...\")");
				}
			}
		}
		return new GeminiTools(List.of(toolObjects), Collections.unmodifiableMap(methods), options);
	}

	/**
	 * Return the function declarations of the {@code @GeminiTool} methods of the given objects, for a
	 * request's {@code Tool.functions(...)}.
	 * @param toolObjects objects with {@code @GeminiTool} methods
	 * @return the declarations, per object in the given order, then by function name
	 * @throws IllegalArgumentException as {@link #of(Object...)} does
	 */
	public static List<FunctionDeclaration> declarations(Object... toolObjects) {
		return of(toolObjects).getDeclarations();
	}

	/**
	 * Return these tools together with the {@code @GeminiTool} methods of more objects.
	 * @param moreToolObjects more objects with {@code @GeminiTool} methods
	 * @return new tools
	 * @throws IllegalArgumentException as {@link #of(Object...)} does
	 */
	public GeminiTools and(Object... moreToolObjects) {
		Assert.notNull(moreToolObjects, "'moreToolObjects' must not be null");
		List<Object> all = new ArrayList<>(this.toolObjects);
		all.addAll(List.of(moreToolObjects));
		return of(this.options, all.toArray());
	}

	/**
	 * Return these tools with other options.
	 * @param options the options
	 * @return new tools
	 */
	public GeminiTools withOptions(ToolCallingOptions options) {
		Assert.notNull(options, "'options' must not be null");
		return new GeminiTools(this.toolObjects, this.methods, options);
	}

	/**
	 * Return the options calls are run with.
	 * @return the options
	 */
	public ToolCallingOptions getOptions() {
		return this.options;
	}

	/**
	 * Return the function declarations, per object in the given order, then by function name.
	 * @return the declarations
	 */
	public List<FunctionDeclaration> getDeclarations() {
		return this.declarations;
	}

	/**
	 * Return the names of the functions.
	 * @return the function names
	 */
	public Set<String> getFunctionNames() {
		return this.methods.keySet();
	}

	/**
	 * Return one tool declaring every function, for a request's {@code tools}.
	 * @return the tool
	 */
	public Tool toTool() {
		return Tool.functions(this.declarations);
	}

	/**
	 * Run one function call and return its answer, with the call's {@code id} and {@code name}.
	 * @param call the model's call
	 * @return the function response, or an error: a {@link ToolExecutionException} when the method failed
	 * under {@link ToolErrorPolicy#FAIL}
	 */
	public Mono<FunctionResponse> call(FunctionCall call) {
		Assert.notNull(call, "'call' must not be null");
		return Mono.defer(() -> {
			String name = call.name();
			ToolMethod method = (name != null) ? this.methods.get(name) : null;
			if (method == null) {
				return Mono.just(FunctionResponse.of(call.id(), String.valueOf(name),
						error("Unknown function '" + name + "'; the functions are " + this.methods.keySet())));
			}
			return method.call(call.args(), this.options)
				.onErrorResume((ex) -> failed(call, method, ex))
				.map((response) -> FunctionResponse.of(call.id(), method.name(), response));
		});
	}

	/**
	 * Run the function calls of one model turn, concurrently, and return the user turn that answers
	 * them: one {@code functionResponse} part per call, in the order of the calls, each with its call's
	 * {@code id} and {@code name}.
	 * @param calls the model's calls, such as {@link GenerateContentResponse#functionCalls()}
	 * @return the user turn, or an error: a {@link ToolExecutionException} when a method failed under
	 * {@link ToolErrorPolicy#FAIL}
	 */
	public Mono<Content> respond(List<FunctionCall> calls) {
		Assert.notNull(calls, "'calls' must not be null");
		Assert.notEmpty(calls, "'calls' must not be empty");
		return Flux.fromIterable(calls)
			.flatMapSequential(this::call)
			.map(Part::functionResponse)
			.collectList()
			.map((parts) -> new Content(Content.USER, parts));
	}

	/**
	 * Run the function calls of a response's first candidate and return the user turn that answers
	 * them: see {@link #respond(List)}.
	 * @param response the model's response
	 * @return the user turn, or empty when the response has no function call
	 */
	public Mono<Content> respond(GenerateContentResponse response) {
		Assert.notNull(response, "'response' must not be null");
		List<FunctionCall> calls = response.functionCalls();
		return calls.isEmpty() ? Mono.empty() : respond(calls);
	}

	private Mono<Map<String, @Nullable Object>> failed(FunctionCall call, ToolMethod method, Throwable ex) {
		boolean badArguments = ex instanceof ToolMethod.ToolArgumentException;
		String message = badArguments ? "Invalid arguments for function '" + method.name() + "': " + ex.getMessage()
				: describe(ex);
		if (this.options.getErrorPolicy() == ToolErrorPolicy.FAIL) {
			return Mono.error(new ToolExecutionException("Function '" + method.name() + "' (" + method.displayName()
					+ ") failed: " + message, call, ex));
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Function '" + method.name() + "' (" + method.displayName()
					+ ") failed; reporting the error to the model", ex);
		}
		return Mono.just(error(message));
	}

	private static String describe(Throwable ex) {
		String message = ex.getMessage();
		return (message != null && !message.isBlank()) ? message : ex.getClass().getSimpleName();
	}

	private static Map<String, @Nullable Object> error(String message) {
		return Collections.singletonMap(ToolMethod.ERROR, message);
	}

	@Override
	public String toString() {
		return "GeminiTools" + this.methods.keySet();
	}

}
