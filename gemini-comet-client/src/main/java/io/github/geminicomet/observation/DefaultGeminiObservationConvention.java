package io.github.geminicomet.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import io.github.geminicomet.model.UsageMetadata;
import io.github.geminicomet.observation.GeminiObservationDocumentation.HighCardinalityKeyNames;
import io.github.geminicomet.observation.GeminiObservationDocumentation.LowCardinalityKeyNames;

/**
 * Default {@link GeminiObservationConvention}: observation {@value #NAME}, contextual name
 * {@code "generate_content {model}"}, OpenTelemetry GenAI keys. Never puts prompt or answer text in a key.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class DefaultGeminiObservationConvention implements GeminiObservationConvention {

	/**
	 * Name of the observation.
	 */
	public static final String NAME = "gen_ai.client.operation";

	/**
	 * Value of {@code gen_ai.provider.name}.
	 */
	public static final String PROVIDER = "gcp.gemini";

	private static final String NONE = "none";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(GeminiObservationContext context) {
		return context.getOperationName() + " " + context.getRequestModel();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(GeminiObservationContext context) {
		String responseModel = (context.getResponseModel() != null) ? context.getResponseModel() : NONE;
		Throwable error = context.getError();
		String host = context.getUri().getHost();
		return KeyValues.of(
				KeyValue.of(LowCardinalityKeyNames.OPERATION_NAME, context.getOperationName()),
				KeyValue.of(LowCardinalityKeyNames.PROVIDER_NAME, PROVIDER),
				KeyValue.of(LowCardinalityKeyNames.REQUEST_MODEL, context.getRequestModel()),
				KeyValue.of(LowCardinalityKeyNames.RESPONSE_MODEL, responseModel),
				KeyValue.of(LowCardinalityKeyNames.ERROR_TYPE, (error != null) ? error.getClass().getSimpleName() : NONE),
				KeyValue.of(LowCardinalityKeyNames.OUTCOME, outcome(context)),
				KeyValue.of(LowCardinalityKeyNames.STREAMING, String.valueOf(context.isStreaming())),
				KeyValue.of(LowCardinalityKeyNames.SERVER_ADDRESS, (host != null) ? host : NONE));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(GeminiObservationContext context) {
		KeyValues values = KeyValues.empty();
		if (context.getResponseId() != null) {
			values = values.and(KeyValue.of(HighCardinalityKeyNames.RESPONSE_ID, context.getResponseId()));
		}
		if (context.getFinishReason() != null) {
			values = values.and(KeyValue.of(HighCardinalityKeyNames.FINISH_REASONS, context.getFinishReason().name()));
		}
		UsageMetadata usage = context.getUsage();
		if (usage != null && usage.promptTokenCount() != null) {
			values = values.and(KeyValue.of(HighCardinalityKeyNames.INPUT_TOKENS, usage.promptTokenCount().toString()));
		}
		if (usage != null && usage.candidatesTokenCount() != null) {
			values = values
				.and(KeyValue.of(HighCardinalityKeyNames.OUTPUT_TOKENS, usage.candidatesTokenCount().toString()));
		}
		return values;
	}

	/**
	 * Return the outcome of the call.
	 * @param context the context
	 * @return the outcome
	 */
	protected String outcome(GeminiObservationContext context) {
		Throwable error = context.getError();
		if (error == null) {
			if (context.isCancelled()) {
				return "CANCELLED";
			}
			if (context.getResponse() != null && context.getResponse().isBlocked()) {
				return "BLOCKED";
			}
			return "SUCCESS";
		}
		if (context.isBlocked()) {
			return "BLOCKED";
		}
		int status = context.getStatusCode();
		if (status != 0) {
			return (status >= 400 && status < 500) ? "CLIENT_ERROR" : "SERVER_ERROR";
		}
		return "ERROR";
	}

}
