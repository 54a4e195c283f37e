package io.github.geminicomet.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Annotation for a Spring test class that points the application at a {@link GeminiStub} instead of
 * the real gateway: the stub starts with the test's application context (on a random {@code 127.0.0.1}
 * port), {@code cometapi.gemini.base-url} is set to it and {@code cometapi.gemini.api-key} to
 * {@link GeminiStub#API_KEY} (both over any other configuration, so neither a real key nor the real
 * gateway is ever used), and the stub is a bean to inject. It is reset before each test method, and
 * closed with the context.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureGeminiStub
 * class AskServiceTests {
 *
 *     &#64;Autowired
 *     GeminiStub stub;
 *
 *     &#64;Autowired
 *     AskService service;
 *
 *     &#64;Test
 *     void asksTheModel() {
 *         this.stub.replyText("Rex");
 *         assertThat(this.service.nameADog().block()).isEqualTo("Rex");
 *         assertThat(this.stub.lastRequest().prompt()).contains("dog");
 *     }
 *
 * }
 * </pre>
 *
 * Test classes with this annotation and otherwise the same configuration share one context, and so one
 * stub.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureGeminiStub {

}
