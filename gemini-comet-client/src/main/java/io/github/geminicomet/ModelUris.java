package io.github.geminicomet;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The generate and stream URIs of each model a template calls, built once: a call then neither parses a
 * URI nor matches the model name again. Holds at most {@value #MAX_MODELS} models; beyond that the URIs
 * are built per call.
 */
final class ModelUris {

	static final int MAX_MODELS = 64;

	private final String modelsUrl;

	private final Map<String, Uris> byModel = new ConcurrentHashMap<>();

	ModelUris(String modelsUrl) {
		this.modelsUrl = modelsUrl;
	}

	/**
	 * The URIs of a model whose name is already valid (as returned by {@code GeminiTemplate}'s check).
	 */
	Uris of(String name) {
		Uris uris = this.byModel.get(name);
		if (uris == null) {
			uris = new Uris(name, URI.create(this.modelsUrl + name + ":generateContent"),
					URI.create(this.modelsUrl + name + ":streamGenerateContent?alt=sse"));
			if (this.byModel.size() < MAX_MODELS) {
				this.byModel.putIfAbsent(name, uris);
			}
		}
		return uris;
	}

	/**
	 * The URIs of a name (as given by the caller) seen and checked before, or {@code null}.
	 */
	@Nullable Uris known(String model) {
		return this.byModel.get(model);
	}

	record Uris(String model, URI generate, URI stream) {
	}

}
