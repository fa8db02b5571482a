/**
 * Campaigns on Apache Spark: ensembles of perturbed-parameter and perturbed-initial-state runs and
 * sweeps ({@code ferrel ensemble}), and the calibration's ensemble runner and distributed gradients
 * on Spark. Spark runs embedded ({@code local[*]}) by default and on a standalone or YARN cluster
 * with the same job.
 */
package org.ferrel.cluster;
