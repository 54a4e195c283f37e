package io.github.geminicomet.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of Gemini calls, documented as code, with the OpenTelemetry GenAI key names.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public enum GeminiObservationDocumentation implements ObservationDocumentation {

	/**
	 * One call of generateContent or streamGenerateContent, retries included.
	 */
	CLIENT_OPERATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultGeminiObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys: safe as metric tags.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * The operation: {@code generate_content}.
		 */
		OPERATION_NAME {
			@Override
			public String asString() {
				return "gen_ai.operation.name";
			}
		},

		/**
		 * The provider: {@code gcp.gemini}.
		 */
		PROVIDER_NAME {
			@Override
			public String asString() {
				return "gen_ai.provider.name";
			}
		},

		/**
		 * The model named in the request.
		 */
		REQUEST_MODEL {
			@Override
			public String asString() {
				return "gen_ai.request.model";
			}
		},

		/**
		 * The model that answered ({@code modelVersion}), {@code none} when unknown.
		 */
		RESPONSE_MODEL {
			@Override
			public String asString() {
				return "gen_ai.response.model";
			}
		},

		/**
		 * The class of the error that ended the call, {@code none} on success.
		 */
		ERROR_TYPE {
			@Override
			public String asString() {
				return "error.type";
			}
		},

		/**
		 * {@code SUCCESS}, {@code BLOCKED}, {@code CLIENT_ERROR}, {@code SERVER_ERROR}, {@code ERROR} or
		 * {@code CANCELLED}.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * Whether the call is a stream: {@code true} or {@code false}.
		 */
		STREAMING {
			@Override
			public String asString() {
				return "gemini.streaming";
			}
		},

		/**
		 * The host of the gateway.
		 */
		SERVER_ADDRESS {
			@Override
			public String asString() {
				return "server.address";
			}
		}

	}

	/**
	 * High-cardinality keys: for traces, not metric tags.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/**
		 * The response id.
		 */
		RESPONSE_ID {
			@Override
			public String asString() {
				return "gen_ai.response.id";
			}
		},

		/**
		 * The finish reason of the first candidate.
		 */
		FINISH_REASONS {
			@Override
			public String asString() {
				return "gen_ai.response.finish_reasons";
			}
		},

		/**
		 * Prompt tokens.
		 */
		INPUT_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.input_tokens";
			}
		},

		/**
		 * Answer tokens.
		 */
		OUTPUT_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.output_tokens";
			}
		}

	}

}
