package io.github.geminicomet.autoconfigure.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.DispatcherHandler;

import io.github.geminicomet.GeminiException;

/**
 * Opt-in auto-configuration of {@link GeminiExceptionHandler} in a reactive web application:
 * {@code cometapi.gemini.problemdetails.enabled=true} turns the Gemini errors that reach the application's
 * endpoints into RFC 9457 problem details with meaningful statuses. Pairs with Spring Boot's own
 * {@code spring.webflux.problemdetails.enabled}, which does the same for Spring's exceptions.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ DispatcherHandler.class, ProblemDetail.class, GeminiException.class })
@ConditionalOnBooleanProperty("cometapi.gemini.problemdetails.enabled")
public final class GeminiProblemDetailsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GeminiExceptionHandler geminiExceptionHandler() {
		return new GeminiExceptionHandler();
	}

}
