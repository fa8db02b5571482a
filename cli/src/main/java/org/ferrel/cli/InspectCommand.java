package org.ferrel.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ferrel.io.netcdf.NetcdfSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferrel inspect file.nc}. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Summarises a NetCDF file: format, dimensions, variables with units and long names, the range,",
            "mean and missing count of every variable's unpacked values, dates of time axes, global attributes."})
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "NetCDF file (NetCDF-3 or NetCDF-4)")
    Path file;

    @Option(names = "--no-data", description = "metadata only: do not read the data for ranges (fast for huge files)")
    boolean noData;

    @Override
    public Integer call() throws IOException {
        NetcdfSummary s = NetcdfSummary.read(file, noData ? new NetcdfSummary.Options(false, NetcdfSummary.Options.DEFAULT.slabElements())
                : NetcdfSummary.Options.DEFAULT);
        System.out.print(s.render());
        return 0;
    }
}
