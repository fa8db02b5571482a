package org.ferrel.calibration.hybrid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrel.autodiff.Shape;
import org.ferrel.hybrid.nn.Architecture;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.nn.WeightSpec;
import org.ferrel.hybrid.param.FeatureSet;
import org.ferrel.io.netcdf.ArrayFile;
import org.ferrel.io.netcdf.NetcdfFileException;

/**
 * Network weights as NetCDF-3 (format {@code ferrel-weights}, version {@value #VERSION}): one
 * double variable per weight, named as the network names it ({@code layer0.kernel},
 * {@code layer0.bias}, ...), on dimensions {@code <weight>_n0, <weight>_n1}; global attributes
 * {@code format}, {@code format_version}, {@code architecture} (the text of
 * {@link Architecture#describe()}, normalisation included), {@code features} (the feature set) and
 * free provenance text (stage, epoch, loss, config digest). Values round-trip bitwise. Reading
 * checks the format and version and the stored weights against the architecture (or against an
 * expected network: loading weights of another architecture names the layer and both shapes).
 */
public final class WeightsFile {
    public static final String FORMAT = "ferrel-weights";
    public static final int VERSION = 1;

    private WeightsFile() {
    }

    /**
     * What a weights file holds.
     *
     * @param network    the network (architecture and normalisation)
     * @param features   what it sees at each cell
     * @param weights    its weights in the order of {@link Network#weightSpecs()}
     * @param provenance free text attributes
     */
    public record Weights(Network network, FeatureSet features, double[][] weights, Map<String, String> provenance) {
        public Weights {
            provenance = new LinkedHashMap<>(provenance);
        }
    }

    public static void write(Path file, Weights w) throws IOException {
        List<WeightSpec> specs = w.network().weightSpecs();
        List<ArrayFile.Variable> vars = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            WeightSpec s = specs.get(i);
            int[] shape = s.shape().dims();
            List<String> dims = new ArrayList<>();
            for (int a = 0; a < shape.length; a++) {
                dims.add(s.name().replace('.', '_') + "_n" + a);
            }
            vars.add(new ArrayFile.Variable(s.name(), dims, shape, w.weights()[i], Map.of("long_name", "network weight " + s.name())));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("title", "Ferrel neural-network weights");
        attributes.put("format", FORMAT);
        attributes.put("format_version", Integer.toString(VERSION));
        attributes.put("architecture", w.network().architecture().describe());
        attributes.put("features", w.features().name());
        attributes.putAll(w.provenance());
        ArrayFile.write(file, new ArrayFile.Content(attributes, vars));
    }

    /** Reads a weights file; the network is the one its architecture text describes. */
    public static Weights read(Path file) throws IOException {
        ArrayFile.Content c = ArrayFile.read(file);
        if (!FORMAT.equals(c.attribute("format"))) {
            throw new NetcdfFileException(file, "not a Ferrel weights file (global attribute format is " + c.attribute("format")
                    + ", expected " + FORMAT + ")");
        }
        if (!String.valueOf(VERSION).equals(c.attribute("format_version"))) {
            throw new NetcdfFileException(file, "weights format version " + c.attribute("format_version") + ", this Ferrel reads "
                    + VERSION);
        }
        Network network;
        FeatureSet features;
        try {
            network = Architecture.parse(c.attribute("architecture")).build();
            features = FeatureSet.valueOf(c.attribute("features"));
        } catch (RuntimeException e) {
            throw new NetcdfFileException(file, "bad architecture or features attribute: " + e.getMessage(), e);
        }
        return new Weights(network, features, weightsFor(file, c, network), provenanceOf(c));
    }

    /**
     * Reads the weights of a file into an expected network.
     *
     * @throws NetcdfFileException naming the file, the layer and both shapes when the stored weights
     *                             belong to another architecture
     */
    public static double[][] readInto(Path file, Network expected) throws IOException {
        return weightsFor(file, ArrayFile.read(file), expected);
    }

    private static double[][] weightsFor(Path file, ArrayFile.Content c, Network network) throws IOException {
        List<String> names = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        for (ArrayFile.Variable v : c.variables()) {
            names.add(v.name());
            shapes.add(Shape.of(v.shape()));
        }
        try {
            network.checkCompatible(names, shapes);
        } catch (IllegalArgumentException e) {
            throw new NetcdfFileException(file, e.getMessage(), e);
        }
        List<WeightSpec> specs = network.weightSpecs();
        double[][] w = new double[specs.size()][];
        for (int i = 0; i < w.length; i++) {
            w[i] = c.variable(specs.get(i).name()).values().clone();
        }
        return w;
    }

    private static Map<String, String> provenanceOf(ArrayFile.Content c) {
        Map<String, String> p = new LinkedHashMap<>(c.attributes());
        for (String k : List.of("title", "format", "format_version", "architecture", "features")) {
            p.remove(k);
        }
        return p;
    }
}
