package io.github.geminicomet.test;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that starts a {@link GeminiStub} before the tests of a class, resets it
 * before each test and closes it after the last one. Test methods, lifecycle methods and constructors
 * get it as a {@code GeminiStub} parameter:
 *
 * <pre class="code">
 * &#64;ExtendWith(GeminiStubExtension.class)
 * class AskServiceTests {
 *
 *     &#64;Test
 *     void asks(GeminiStub stub) {
 *         GeminiTemplate gemini = GeminiTemplate.builder().baseUrl(stub.baseUrl()).apiKey(GeminiStub.API_KEY).build();
 *         stub.replyText("Rex");
 *         ...
 *     }
 *
 * }
 * </pre>
 *
 * Or register it in a static field and call {@link #stub()}:
 * {@code @RegisterExtension static GeminiStubExtension gemini = new GeminiStubExtension();}. For Spring
 * Boot tests, use {@link AutoConfigureGeminiStub @AutoConfigureGeminiStub} instead.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiStubExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

	private volatile @Nullable GeminiStub stub;

	private volatile @Nullable Class<?> owner;

	/**
	 * Return the running stub.
	 * @return the stub
	 * @throws IllegalStateException if called before the tests of the class started or after they ended
	 */
	public GeminiStub stub() {
		GeminiStub current = this.stub;
		if (current == null) {
			throw new IllegalStateException("The GeminiStub runs only while the tests of the class run: register the "
					+ "extension in a static field and call stub() from a test or a lifecycle method");
		}
		return current;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.stub == null) {
			this.stub = GeminiStub.start();
			this.owner = context.getRequiredTestClass();
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		stub().reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		GeminiStub current = this.stub;
		if (current != null && context.getRequiredTestClass() == this.owner) {
			this.stub = null;
			this.owner = null;
			current.close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == GeminiStub.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return stub();
	}

}
