package org.ferrel.dycore.shallowwater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ferrel.autodiff.exec.Simd;
import org.ferrel.dycore.shallowwater.AdjointMutants.Check;
import org.ferrel.dycore.shallowwater.AdjointMutants.Mutant;
import org.ferrel.dycore.shallowwater.AdjointMutants.Outcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The gradient tests against planted errors (see {@link AdjointMutants}): one term of one statement
 * of a hand-written adjoint multiplied by 1 + 1e-6, for every term of the adjoints of
 * {@link TendencyKernel} and {@link DiffusionKernel} and of their vector forms. The default suite
 * checks the mechanism on unchanged sources (every test passes) and on one planted error per file
 * (each is caught); the validation profile runs every planted error against every gradient test that
 * exercises it, prints which test caught which, and fails if one is caught by none.
 */
class AdjointMutationTest {
    private static final String PKG = "org.ferrel.dycore.";

    static final List<Check> TENDENCY_KERNEL = List.of(
            new Check("TendencyKernelTest.sphere", PKG + "shallowwater.TendencyKernelTest", "sphere"),
            new Check("TendencyKernelTest.sphereWithACoriolisField", PKG + "shallowwater.TendencyKernelTest",
                    "sphereWithACoriolisField"),
            new Check("TendencyKernelTest.plane", PKG + "shallowwater.TendencyKernelTest", "plane"));
    static final List<Check> DIFFUSION_KERNEL = List.of(
            new Check("DiffusionKernelTest.tangentAndAdjoint", PKG + "shallowwater.DiffusionKernelTest",
                    "tangentAndAdjointAgreeWithTheComposite"),
            new Check("DiffusionKernelTest.dotProductAndTaylor", PKG + "shallowwater.DiffusionKernelTest",
                    "dotProductAndTaylorTests"),
            new Check("DiffusionKernelTest.coefficientAtZero", PKG + "shallowwater.DiffusionKernelTest",
                    "coefficientDerivativeAtZeroCoefficient"));
    static final Check STEP_DOT = new Check("WholeStepGradientTest.dotProduct", PKG + "model.WholeStepGradientTest",
            "dotProductPerInputBlockWithRandomWeights");
    static final Check STEP_TAYLOR = new Check("WholeStepGradientTest.taylor", PKG + "model.WholeStepGradientTest",
            "taylorRatePerInputBlockWithRandomWeights");
    static final Check MODEL_DOT = new Check("ModelTest.dotProduct", PKG + "model.ModelTest",
            "wholeStepPassesTheDotProductTest");
    static final Check ENERGY_TAYLOR = new Check("ModelTest.energyTaylor", PKG + "model.ModelTest",
            "wholeStepEnergyPassesTheTaylorTest");
    static final Check WHOLE_RUN = new Check("Case5GradientTest", PKG + "cases.Case5GradientTest",
            "thousandStepGradientMatchesFiniteDifferences");

    /**
     * The tests that exercise a mutant's adjoint, cheapest first (the case-5 run has no diffusion
     * term, so it does not exercise the diffusion kernel).
     */
    static List<Check> checksFor(Mutant m) {
        List<Check> c = new ArrayList<>(m.tendency() ? TENDENCY_KERNEL : DIFFUSION_KERNEL);
        c.add(STEP_DOT);
        c.add(MODEL_DOT);
        if (m.tendency()) {
            c.add(WHOLE_RUN);
        }
        c.add(STEP_TAYLOR);
        c.add(ENERGY_TAYLOR);
        String only = System.getProperty("ferrel.mutation.checks");
        if (only != null) {
            List<String> names = List.of(only.split(","));
            c.removeIf(x -> !names.contains(x.name()));
        }
        return c;
    }

    private static List<Outcome> run(Mutant m, List<Check> checks) {
        Map<String, byte[]> classes = AdjointMutants.compile(m, m.file(), !m.vectorForm());
        return AdjointMutants.run(classes, checks);
    }

    /** Every planted statement occurs exactly once in its file and every mutant compiles. */
    @Test
    void everyPlantedErrorIsFoundInTheSourceOnce() {
        List<Mutant> all = AdjointMutants.all();
        assertEquals(all.size(), all.stream().map(Mutant::id).distinct().count(), "mutant ids are unique");
        for (Mutant m : all) {
            String src = AdjointMutants.mutatedSource(m, m.file());
            assertTrue(src.contains(m.mutated()) && !src.equals(AdjointMutants.source(m.file())), m.id());
        }
    }

    /**
     * The harness itself: the unchanged sources, compiled and loaded the same way (scalar kernels
     * with their vector forms off, as for their mutants), pass the kernel tests and the whole-step
     * dot-product test, and a planted error in each of the four files fails them.
     */
    @Test
    void unchangedSourcesPassAndOnePlantedErrorPerFileIsCaught() {
        List<Check> tendency = new ArrayList<>(TENDENCY_KERNEL);
        tendency.add(STEP_DOT);
        List<Check> diffusion = new ArrayList<>(DIFFUSION_KERNEL.subList(0, 2));
        diffusion.add(STEP_DOT);
        for (String file : List.of("TendencyKernel", "DiffusionKernel")) {
            List<Outcome> control = AdjointMutants.run(AdjointMutants.compile(null, file, true),
                    file.startsWith("Tendency") ? tendency : diffusion);
            for (Outcome o : control) {
                assertTrue(!o.killed(), file + " unchanged failed " + o.check().name() + ": " + o.failure());
            }
        }
        List<String> ids = new ArrayList<>(List.of("T-C15", "D-L5"));
        if (Simd.enabled()) {
            ids.addAll(List.of("TS-C15", "DS-D3"));
        }
        for (String id : ids) {
            Mutant m = AdjointMutants.byId(id);
            List<Outcome> r = run(m, m.tendency() ? tendency : diffusion);
            assertTrue(r.stream().anyMatch(o -> o.check() == STEP_DOT && o.killed()),
                    id + " passed the whole-step dot-product test: " + r);
            assertTrue(r.stream().anyMatch(o -> o.check() != STEP_DOT && o.killed()),
                    id + " passed the kernel tests: " + r);
        }
    }

    /**
     * Every planted error against the gradient tests that exercise it, cheapest first, until one
     * fails it; with {@code -Dferrel.mutation.matrix=true} against all of them (the table in
     * docs/validation.md, about 15 minutes). {@code -Dferrel.mutation.checks=name,name} restricts the
     * tests to those named (as in the printed lines), {@code -Dferrel.mutation.factor} sets the
     * planted factor. Prints one line per planted error.
     */
    @Test
    @Tag("validation")
    void everyPlantedErrorFailsAGradientTest() {
        assumeTrue(Simd.enabled(), "the vector forms' mutants need --add-modules=jdk.incubator.vector");
        boolean matrix = Boolean.getBoolean("ferrel.mutation.matrix");
        for (String file : List.of("TendencyKernel", "TendencySimd", "DiffusionKernel", "DiffusionSimd")) {
            Mutant any = AdjointMutants.all().stream().filter(x -> x.file().equals(file)).findFirst().orElseThrow();
            List<Outcome> control = AdjointMutants.run(AdjointMutants.compile(null, file, !any.vectorForm()),
                    checksFor(any));
            for (Outcome o : control) {
                assertTrue(!o.killed(), file + " unchanged failed " + o.check().name() + ": " + o.failure());
            }
        }
        List<String> survivors = new ArrayList<>();
        for (Mutant m : AdjointMutants.all()) {
            Map<String, byte[]> classes = AdjointMutants.compile(m, m.file(), !m.vectorForm());
            List<Outcome> r = new ArrayList<>();
            for (Check c : checksFor(m)) {
                Outcome o = AdjointMutants.run(classes, List.of(c)).get(0);
                r.add(o);
                if (o.killed() && !matrix) {
                    break;
                }
            }
            List<String> killers = r.stream().filter(Outcome::killed).map(o -> o.check().name()).toList();
            List<String> passed = r.stream().filter(o -> !o.killed()).map(o -> o.check().name()).toList();
            System.out.printf("MUTATION %-7s x %s %-15s %-36s caught by %s; passed %s%n", m.id(), AdjointMutants.FACTOR,
                    m.file(), m.term(), killers.isEmpty() ? "NONE" : String.join(", ", killers),
                    passed.isEmpty() ? "-" : String.join(", ", passed));
            if (killers.isEmpty()) {
                survivors.add(m.id() + " (" + m.statement() + ")");
            }
        }
        if (System.getProperty("ferrel.mutation.checks") == null) {
            assertTrue(survivors.isEmpty(), "planted errors no gradient test caught: " + survivors);
        }
    }
}
