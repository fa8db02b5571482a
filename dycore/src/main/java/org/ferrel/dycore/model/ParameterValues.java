package org.ferrel.dycore.model;

import java.util.List;
import org.ferrel.autodiff.Tensor;

/** Parameter values in the order of a model's declared parameters, looked up by name. */
public record ParameterValues(List<Parameter> parameters, Tensor[] values) {
    public ParameterValues {
        if (parameters.size() != values.length) {
            throw new IllegalArgumentException("expected " + parameters.size() + " parameter values, got " + values.length);
        }
    }

    public Tensor get(String name) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(name)) {
                return values[i];
            }
        }
        throw new IllegalArgumentException("no parameter named '" + name + "'; the model has " + names());
    }

    public List<String> names() {
        return parameters.stream().map(Parameter::name).toList();
    }
}
