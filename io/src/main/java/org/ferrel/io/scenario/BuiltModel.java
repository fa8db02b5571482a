package org.ferrel.io.scenario;

import java.util.List;
import java.util.Map;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.DynamicalModel;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.StateVector;
import org.ferrel.io.netcdf.LatLonRecordWriter;
import org.ferrel.io.netcdf.VariableInfo;

/**
 * A scenario's model as its {@link ModelFamily} built it: the dynamical model, its initial state and
 * parameter values, and what the commands need of it beyond the run loop: output variables with
 * their metadata, the scalar series written with every record, and the fields observations can see.
 *
 * @param <S> the model's state
 */
public interface BuiltModel<S extends StateVector<S>> {

    LatLonGrid grid();

    DynamicalModel<S> model();

    S initial();

    /** Values of every model parameter, in the order of {@link DynamicalModel#parameters()}. */
    Tensor[] parameters();

    /** The CF metadata of output variables, in the order given. */
    List<VariableInfo> describe(List<String> variables);

    /** The output variables that do not change in time (written once), e.g. the topography. */
    List<String> staticVariables();

    /** Whether an output variable is on the vertical levels (then its values are [nz * ny * nx]). */
    boolean onLevels(String variable);

    /** The vertical axis of variables on levels, or null for a single-layer family. */
    LatLonRecordWriter.VerticalAxis verticalAxis();

    /** The named output variables of a state, each at the cell centres, [ny * nx] or [nz * ny * nx]. */
    double[][] fields(Ops o, S state, ParameterValues p, List<String> variables);

    /** The scalar series written with every record (integral invariants). */
    List<VariableInfo> series();

    /** The values of {@link #series()} for a state. */
    double[] series(Ops o, S state, ParameterValues p);

    /** Global attributes describing the model (title, source, references, grid). */
    Map<String, String> attributes(Scenario s);

    /** The names of the state's fields, in the state's order (for restart files). */
    List<String> stateNames();

    /** The units of the state's fields, in the state's order (for restart files). */
    List<String> stateUnits();

    /** The fields campaign files may observe (each possibly at a level). */
    List<String> observableFields();

    /**
     * A field as observations see it.
     *
     * @throws IllegalArgumentException naming the field or level and what the family offers
     */
    Observable<S> observable(String field, ObservedLevel level);
}
