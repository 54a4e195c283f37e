package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An embedding: a list of floats.
 *
 * @param values the values of the embedding
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContentEmbedding(@Nullable List<Double> values) {

	public ContentEmbedding {
		values = ModelSupport.copy(values);
	}

	/**
	 * Return the values as a new array of floats.
	 * @return the values, empty when there are none
	 */
	@JsonIgnore
	public float[] toFloatArray() {
		if (this.values == null) {
			return new float[0];
		}
		float[] array = new float[this.values.size()];
		for (int i = 0; i < array.length; i++) {
			array[i] = this.values.get(i).floatValue();
		}
		return array;
	}

}
