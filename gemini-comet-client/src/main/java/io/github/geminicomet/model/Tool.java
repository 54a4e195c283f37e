package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A tool the model may use: function declarations, or one built-in tool. Each {@code Tool} usually sets
 * one field; a request lists several tools. Built-in tools without options are sent as an empty
 * object, such as {@code {"googleSearch": {}}}: use the constants ({@link #GOOGLE_SEARCH},
 * {@link #CODE_EXECUTION}, {@link #URL_CONTEXT}, {@link #GOOGLE_MAPS}) or the {@code of(...)}
 * factories.
 *
 * @param functionDeclarations functions the model may call
 * @param googleSearchRetrieval retrieval from Google Search (Gemini 1.5)
 * @param codeExecution lets the model run the code it writes
 * @param googleSearch grounding with Google Search
 * @param computerUse lets the model operate a browser
 * @param urlContext lets the model read the URLs in the prompt
 * @param fileSearch retrieval from file search stores
 * @param googleMaps grounding with Google Maps
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Tool(@Nullable List<FunctionDeclaration> functionDeclarations,
		@Nullable GoogleSearchRetrieval googleSearchRetrieval, @Nullable CodeExecution codeExecution,
		@Nullable GoogleSearch googleSearch, @Nullable ComputerUse computerUse, @Nullable UrlContext urlContext,
		@Nullable FileSearch fileSearch, @Nullable GoogleMaps googleMaps) {

	/**
	 * Grounding with Google Search: {@code {"googleSearch": {}}}.
	 */
	public static final Tool GOOGLE_SEARCH = of(new GoogleSearch());

	/**
	 * Code execution: {@code {"codeExecution": {}}}.
	 */
	public static final Tool CODE_EXECUTION = of(new CodeExecution());

	/**
	 * URL context: {@code {"urlContext": {}}}.
	 */
	public static final Tool URL_CONTEXT = of(new UrlContext());

	/**
	 * Grounding with Google Maps: {@code {"googleMaps": {}}}.
	 */
	public static final Tool GOOGLE_MAPS = of(new GoogleMaps(null));

	public Tool {
		functionDeclarations = ModelSupport.copy(functionDeclarations);
	}

	/**
	 * Create a tool that declares functions the model may call.
	 * @param functionDeclarations the functions
	 * @return the tool
	 */
	public static Tool functions(FunctionDeclaration... functionDeclarations) {
		return functions(List.of(functionDeclarations));
	}

	/**
	 * Create a tool that declares functions the model may call.
	 * @param functionDeclarations the functions
	 * @return the tool
	 */
	public static Tool functions(List<FunctionDeclaration> functionDeclarations) {
		return new Tool(functionDeclarations, null, null, null, null, null, null, null);
	}

	/**
	 * Create a Google Search grounding tool.
	 * @param googleSearch the options
	 * @return the tool
	 */
	public static Tool of(GoogleSearch googleSearch) {
		return new Tool(null, null, null, googleSearch, null, null, null, null);
	}

	/**
	 * Create a Google Search retrieval tool (Gemini 1.5).
	 * @param googleSearchRetrieval the options
	 * @return the tool
	 */
	public static Tool of(GoogleSearchRetrieval googleSearchRetrieval) {
		return new Tool(null, googleSearchRetrieval, null, null, null, null, null, null);
	}

	/**
	 * Create a code execution tool.
	 * @param codeExecution the options
	 * @return the tool
	 */
	public static Tool of(CodeExecution codeExecution) {
		return new Tool(null, null, codeExecution, null, null, null, null, null);
	}

	/**
	 * Create a computer use tool.
	 * @param computerUse the options
	 * @return the tool
	 */
	public static Tool of(ComputerUse computerUse) {
		return new Tool(null, null, null, null, computerUse, null, null, null);
	}

	/**
	 * Create a URL context tool.
	 * @param urlContext the options
	 * @return the tool
	 */
	public static Tool of(UrlContext urlContext) {
		return new Tool(null, null, null, null, null, urlContext, null, null);
	}

	/**
	 * Create a file search tool.
	 * @param fileSearch the options
	 * @return the tool
	 */
	public static Tool of(FileSearch fileSearch) {
		return new Tool(null, null, null, null, null, null, fileSearch, null);
	}

	/**
	 * Create a Google Maps grounding tool.
	 * @param googleMaps the options
	 * @return the tool
	 */
	public static Tool of(GoogleMaps googleMaps) {
		return new Tool(null, null, null, null, null, null, null, googleMaps);
	}

}
