package io.github.geminicomet.test;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the {@link GeminiStub} of an {@link AutoConfigureGeminiStub @AutoConfigureGeminiStub} test
 * before each test method, so that no script or request leaks from one test to the next.
 *
 * @author gemini-comet
 */
class GeminiStubTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), AutoConfigureGeminiStub.class)) {
			testContext.getApplicationContext().getBeanProvider(GeminiStub.class).ifAvailable(GeminiStub::reset);
		}
	}

}
