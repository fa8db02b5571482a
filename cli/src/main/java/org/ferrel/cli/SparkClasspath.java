package org.ferrel.cli;

/**
 * Checks that Spark's jars are on the class path: {@code cli/target/ferrel.jar} holds Ferrel only,
 * {@code bin/ferrel} adds {@code cluster/target/lib/} (built by the README's set-up) for the commands
 * that use Spark, and {@code spark-submit} brings Spark's own.
 */
final class SparkClasspath {
    private SparkClasspath() {
    }

    static void check(String command) {
        try {
            Class.forName("org.apache.spark.api.java.JavaSparkContext", false, SparkClasspath.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new BadInputException("ferrel " + command + " needs Apache Spark's jars on the class path: build them with"
                    + " ./mvnw -B -q package -DskipTests (into cluster/target/lib/) and run bin/ferrel, or submit"
                    + " cli/target/ferrel.jar with spark-submit");
        }
    }
}
