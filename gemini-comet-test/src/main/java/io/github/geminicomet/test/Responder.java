package io.github.geminicomet.test;

/**
 * Answers the generation requests of a {@link GeminiStub} that have no scripted answer: see
 * {@link GeminiStub#answerWith(Responder)}. Called on a Netty event loop: it must not block.
 *
 * <pre class="code">
 * stub.answerWith((request) -&gt; ScriptedAnswer.text("You said: " + request.prompt()));
 * </pre>
 *
 * @author gemini-comet
 * @since 0.1.0
 * @see PlausibleResponder
 */
@FunctionalInterface
public interface Responder {

	/**
	 * Answer a request.
	 * @param request the request, with its {@link RecordedRequest#generateContentRequest() body} read
	 * @return the answer
	 */
	ScriptedAnswer answer(RecordedRequest request);

}
