package org.ferrel.cluster.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Starts Spark for a campaign: the master given ({@code --master}), else the one {@code spark-submit}
 * set ({@code spark.master}), else embedded {@code local[*]}. The web UI is off unless asked for; a
 * failed task is retried up to {@code spark.task.maxFailures} (4) times on a cluster. A standalone
 * master ({@code spark://host:port}) is checked to answer before the context starts, so an
 * unreachable one fails within seconds instead of after Spark's registration retries.
 */
public final class SparkContexts {
    /** How long to wait for a standalone master to accept a connection. */
    public static final int CONNECT_TIMEOUT_MS = 3000;

    private SparkContexts() {
    }

    /** The master a context would use, given the {@code --master} option (null when not given). */
    public static String master(String requested) {
        if (requested != null) {
            return requested;
        }
        return new SparkConf(true).get("spark.master", "local[*]");
    }

    /** Opens a Spark context for a campaign (close it when done). */
    public static JavaSparkContext open(String master, String appName) {
        checkReachable(master);
        SparkConf conf = new SparkConf(true).setMaster(master).setAppName(appName);
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.task.maxFailures", "4");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return new JavaSparkContext(conf);
    }

    /**
     * Checks that every master of a {@code spark://h1:p1,h2:p2} URL accepts a TCP connection.
     *
     * @throws ClusterSetupException naming the master and what went wrong
     */
    public static void checkReachable(String master) {
        if (!master.startsWith("spark://")) {
            if (!master.startsWith("local") && !master.equals("yarn") && !master.startsWith("k8s://")) {
                throw new ClusterSetupException("unknown Spark master '" + master
                        + "'; expected local[*], local[N], spark://HOST:PORT, yarn or k8s://...");
            }
            return;
        }
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            URI uri = URI.create("spark://" + hostPort);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new ClusterSetupException("bad Spark master URL '" + master + "'; expected spark://HOST:PORT");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                String why = e instanceof java.net.UnknownHostException ? "unknown host " + uri.getHost() : e.getMessage();
                throw new ClusterSetupException("cannot reach the Spark master at spark://" + hostPort + " ("
                        + why + "); is it running, and is the host and port right?");
            }
        }
    }
}
