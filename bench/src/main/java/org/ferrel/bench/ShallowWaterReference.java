package org.ferrel.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.LoopGradient;

/**
 * Writes the initial state and topography of {@link ShallowWaterBenchmark} at 2.8 degrees for the
 * PyTorch peer (little-endian doubles, [ny][nx]) and prints Ferrel's loss and two gradient values
 * of the same problem as one JSON line. Usage: {@code ShallowWaterReference <folder>}.
 */
public final class ShallowWaterReference {
    private ShallowWaterReference() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        ShallowWaterBenchmark b = new ShallowWaterBenchmark();
        b.degrees = 2.8125;
        b.setUp();
        String[] names = {"h", "u", "v"};
        for (int i = 0; i < 3; i++) {
            write(folder.resolve("sw-" + names[i] + ".f64"), b.state()[i].values());
        }
        write(folder.resolve("sw-b.f64"), b.parameters()[1].values());
        LoopGradient g = b.gradient10StepsStoreAll();
        Tensor gh = g.initialStateGradient()[0];
        Tensor gb = g.parameterGradient()[1];
        System.out.println(String.format(Locale.ROOT,
                "{\"peer\": \"ferrel\", \"loss\": %.17g, \"dJ/dh0[32][64]\": %.17g, \"dJ/db[40][96]\": %.17g}",
                g.cost().item(), gh.get(32 * 128 + 64), gb.get(40 * 128 + 96)));
    }

    private static void write(Path file, double[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        Files.write(file, buffer.array());
    }
}
