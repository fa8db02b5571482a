package org.ferrel.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ferrel.io.figures.ColourScale;
import org.ferrel.io.figures.MapFigure;
import org.ferrel.io.figures.MapStyle;
import org.ferrel.io.netcdf.LatLonSlice;
import org.ferrel.io.netcdf.TimeIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferrel plot file.nc --var h --time last}. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draws a latitude-longitude map of one variable of a NetCDF file as a PNG: cells, colour bar with units,",
            "title with the variable's long name, the date and the file. Missing values are grey."},
        footer = {"", "Examples:", "  ferrel plot ferrel-out/williamson5/williamson5.nc --var h --time last",
            "  ferrel plot era.nc --var z --dim level=1 --dim month=0 -o z500.png",
            "  ferrel plot out.nc --var vorticity --time 24 --scale diverging --range -1e-4,1e-4"})
final class PlotCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "NetCDF file (NetCDF-3 or NetCDF-4)")
    Path file;

    @Option(names = "--var", required = true, paramLabel = "NAME", description = "variable to draw")
    String variable;

    @Option(names = "--time", paramLabel = "WHEN", description = "first, last or a record index (default: last; "
            + "leave out for a variable without time)")
    String time;

    @Option(names = "--dim", paramLabel = "NAME=INDEX", description = "index of another dimension, e.g. level=2 (repeatable)")
    Map<String, Integer> dimensions = new LinkedHashMap<>();

    @Option(names = "--scale", paramLabel = "KIND", description = "diverging or sequential (default: diverging when the data straddle 0)")
    String scale;

    @Option(names = "--range", paramLabel = "MIN,MAX", split = ",", description = "colour range (default: the data's)")
    double[] range;

    @Option(names = "--title", paramLabel = "TEXT", description = "title (default: the variable's long_name)")
    String title;

    @Option(names = {"-o", "--output"}, paramLabel = "PNG", description = "output file (default: FILE's name with _VAR.png)")
    Path output;

    @Override
    public Integer call() throws IOException {
        LatLonSlice.Request request = LatLonSlice.Request.of(variable).withIndices(dimensions);
        if (time != null) {
            try {
                request = request.withTime(TimeIndex.parse(time));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--time: " + e.getMessage());
            }
        }
        MapStyle style = MapStyle.AUTO;
        if (scale != null) {
            style = switch (scale) {
                case "diverging" -> style.withScale(ColourScale.Kind.DIVERGING);
                case "sequential" -> style.withScale(ColourScale.Kind.SEQUENTIAL);
                default -> throw new BadInputException("--scale: expected diverging or sequential, got \"" + scale + "\"");
            };
        }
        if (range != null) {
            if (range.length != 2 || !(range[0] < range[1])) {
                throw new BadInputException("--range: expected MIN,MAX with MIN < MAX");
            }
            style = style.withRange(range[0], range[1]);
        }
        if (title != null) {
            style = style.withTitle(title);
        }
        Path png = output != null ? output : defaultOutput(file, variable);
        MapFigure.Result r = MapFigure.plot(file, request, style, png);
        System.err.println("ferrel plot: " + r.slice().label() + " -> " + r.png());
        System.out.println(png);
        return 0;
    }

    static Path defaultOutput(Path file, String variable) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return file.resolveSibling(stem + "_" + variable + ".png");
    }
}
