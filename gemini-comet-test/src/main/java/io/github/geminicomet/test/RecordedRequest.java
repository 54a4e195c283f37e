package io.github.geminicomet.test;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FunctionDeclaration;
import io.github.geminicomet.model.FunctionResponse;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.Schema;
import io.github.geminicomet.model.Tool;

/**
 * A request received by a {@link GeminiStub}, for assertions: the HTTP exchange as sent (method,
 * path, headers, body) and, for {@code generateContent}, {@code streamGenerateContent} and
 * {@code countTokens}, the request read into the library's wire model, with shortcuts for what tests
 * check most (the prompt, the declared functions, the response schema).
 *
 * <pre class="code">
 * RecordedRequest request = stub.lastRequest();
 * assertThat(request.prompt()).isEqualTo("Name a dog");
 * assertThat(request.functionNames()).containsExactly("currentWeather");
 * assertThat(request.header("x-goog-api-key")).isEqualTo(GeminiStub.API_KEY);
 * </pre>
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public final class RecordedRequest {

	private final int index;

	private final String method;

	private final String path;

	private final @Nullable String query;

	private final HttpHeaders headers;

	private final String body;

	private final @Nullable String model;

	private final String operation;

	private final @Nullable GenerateContentRequest generateContentRequest;

	RecordedRequest(int index, String method, String path, @Nullable String query, HttpHeaders headers, String body,
			@Nullable String model, String operation, @Nullable GenerateContentRequest generateContentRequest) {
		this.index = index;
		this.method = method;
		this.path = path;
		this.query = query;
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
		this.body = body;
		this.model = model;
		this.operation = operation;
		this.generateContentRequest = generateContentRequest;
	}

	/**
	 * Return the position of this request among those the stub received since it was started or
	 * {@linkplain GeminiStub#reset() reset}, from 0.
	 * @return the index
	 */
	public int index() {
		return this.index;
	}

	/**
	 * Return the HTTP method.
	 * @return the method, such as {@code POST}
	 */
	public String method() {
		return this.method;
	}

	/**
	 * Return the path, without the query.
	 * @return the path, such as {@code /v1beta/models/gemini-3.5-flash-lite:generateContent}
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Return the query string.
	 * @return the query, such as {@code alt=sse}, or {@code null}
	 */
	public @Nullable String query() {
		return this.query;
	}

	/**
	 * Return the request headers (read-only, names case-insensitive).
	 * @return the headers
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Return the first value of a request header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} when the request did not have the header
	 */
	public @Nullable String header(String name) {
		return this.headers.getFirst(name);
	}

	/**
	 * Return the body as sent.
	 * @return the body, empty for a request without one
	 */
	public String body() {
		return this.body;
	}

	/**
	 * Return the model named in the path.
	 * @return the model, such as {@code gemini-3.5-flash-lite}, or {@code null} for a request that names none
	 */
	public @Nullable String model() {
		return this.model;
	}

	/**
	 * Return the API method called: {@code generateContent}, {@code streamGenerateContent},
	 * {@code countTokens}, {@code embedContent}..., {@code get} for {@code GET models/{model}},
	 * {@code list} for {@code GET models}, or {@code unknown}.
	 * @return the operation
	 */
	public String operation() {
		return this.operation;
	}

	/**
	 * Return whether this is a {@code streamGenerateContent} request.
	 * @return whether the client asked for a stream
	 */
	public boolean isStreaming() {
		return "streamGenerateContent".equals(this.operation);
	}

	/**
	 * Return whether this request asks the model for an answer ({@code generateContent} or
	 * {@code streamGenerateContent}), and so was answered by a {@link ScriptedAnswer}.
	 * @return whether this is a generation request
	 */
	public boolean isGeneration() {
		return "generateContent".equals(this.operation) || isStreaming();
	}

	/**
	 * Return the request read into the wire model: the body of {@code generateContent} and
	 * {@code streamGenerateContent}, the {@code generateContentRequest} of {@code countTokens}.
	 * @return the request
	 * @throws IllegalStateException if this request carries no generate-content request
	 */
	public GenerateContentRequest generateContentRequest() {
		if (this.generateContentRequest == null) {
			throw new IllegalStateException("Request " + this + " carries no generate-content request");
		}
		return this.generateContentRequest;
	}

	/**
	 * Return the prompt: the text of the last {@code user} turn (function responses have none), or of
	 * the last turn when none is in the user role.
	 * @return the prompt, empty when there is no text
	 */
	public String prompt() {
		List<Content> contents = contents();
		for (int i = contents.size() - 1; i >= 0; i--) {
			Content content = contents.get(i);
			if (content.role() == null || Content.USER.equals(content.role())) {
				String text = content.text();
				if (!text.isEmpty() || functionResponses(content).isEmpty()) {
					return text;
				}
			}
		}
		return contents.isEmpty() ? "" : contents.get(contents.size() - 1).text();
	}

	/**
	 * Return the text of the system instruction.
	 * @return the text, empty when there is no system instruction
	 */
	public String systemInstruction() {
		Content instruction = (this.generateContentRequest != null) ? this.generateContentRequest.systemInstruction()
				: null;
		return (instruction != null) ? instruction.text() : "";
	}

	/**
	 * Return the conversation sent, in order.
	 * @return the contents, empty when there are none
	 */
	public List<Content> contents() {
		List<Content> contents = (this.generateContentRequest != null) ? this.generateContentRequest.contents()
				: null;
		return (contents != null) ? contents : List.of();
	}

	/**
	 * Return the tools declared.
	 * @return the tools, empty when there are none
	 */
	public List<Tool> tools() {
		List<Tool> tools = (this.generateContentRequest != null) ? this.generateContentRequest.tools() : null;
		return (tools != null) ? tools : List.of();
	}

	/**
	 * Return the function declarations of every tool.
	 * @return the declarations, in order
	 */
	public List<FunctionDeclaration> functionDeclarations() {
		List<FunctionDeclaration> declarations = new ArrayList<>();
		for (Tool tool : tools()) {
			if (tool.functionDeclarations() != null) {
				declarations.addAll(tool.functionDeclarations());
			}
		}
		return declarations;
	}

	/**
	 * Return the names of the declared functions.
	 * @return the names, in order
	 */
	public List<String> functionNames() {
		return functionDeclarations().stream().map(FunctionDeclaration::name).filter((name) -> name != null).toList();
	}

	/**
	 * Return the function responses of the last turn: what the application sent back after the model
	 * called its functions.
	 * @return the function responses, empty when the last turn has none
	 */
	public List<FunctionResponse> functionResponses() {
		List<Content> contents = contents();
		return contents.isEmpty() ? List.of() : functionResponses(contents.get(contents.size() - 1));
	}

	private static List<FunctionResponse> functionResponses(Content content) {
		if (content.parts() == null) {
			return List.of();
		}
		return content.parts().stream().map(Part::functionResponse).filter((response) -> response != null).toList();
	}

	/**
	 * Return the generation config.
	 * @return the generation config, or {@code null} when the request has none
	 */
	public @Nullable GenerationConfig generationConfig() {
		return (this.generateContentRequest != null) ? this.generateContentRequest.generationConfig() : null;
	}

	/**
	 * Return the {@code responseSchema} of the generation config (structured output).
	 * @return the schema, or {@code null}
	 */
	public @Nullable Schema responseSchema() {
		GenerationConfig config = generationConfig();
		return (config != null) ? config.responseSchema() : null;
	}

	/**
	 * Return the {@code responseJsonSchema} of the generation config (structured output for types
	 * Gemini's {@code Schema} cannot express).
	 * @return the JSON schema as read (maps and lists), or {@code null}
	 */
	public @Nullable Object responseJsonSchema() {
		GenerationConfig config = generationConfig();
		return (config != null) ? config.responseJsonSchema() : null;
	}

	/**
	 * All the text of the request (system instruction and every turn), to estimate its tokens.
	 */
	String allText() {
		StringBuilder text = new StringBuilder(systemInstruction());
		contents().forEach((content) -> text.append(' ').append(content.text()));
		return text.toString();
	}

	@Override
	public String toString() {
		return "#" + this.index + " " + this.method + " " + this.path + ((this.query != null) ? "?" + this.query : "");
	}

}
