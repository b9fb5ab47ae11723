package io.cephsmb.cephdev;

import java.nio.file.Paths;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests one dev cluster for the whole test run (one JVM).
 *
 * <p>If the environment variable {@value #DIR_ENV} names a directory, the cluster running there is
 * used and left running; if none runs there, the tests fail with the reason. Otherwise the
 * extension starts a fresh cluster in a temporary directory the first time a test asks for it and
 * stops it when the run ends (or the JVM exits). It never skips a test: a cluster that cannot be
 * had is a failure.
 *
 * <p>Use: {@code @ExtendWith(CephDevClusterExtension.class)} and a {@link DevCluster} parameter on
 * a test method, constructor or lifecycle method.
 */
public final class CephDevClusterExtension implements ParameterResolver {

  /** Environment variable naming a running cluster's directory to reuse. */
  public static final String DIR_ENV = "CEPHSMB_CEPH_DIR";

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(CephDevClusterExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
    return pc.getParameter().getType() == DevCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
    try {
      return cluster(ec);
    } catch (DevClusterException e) {
      throw new ParameterResolutionException("no dev cluster: " + e.getMessage(), e);
    }
  }

  /** The run's cluster, started or attached on first use. */
  public static DevCluster cluster(ExtensionContext ec) {
    return ec.getRoot()
        .getStore(NS)
        .getOrComputeIfAbsent("cluster", k -> new Holder(open()), Holder.class)
        .cluster;
  }

  private static DevCluster open() {
    String reuse = System.getenv(DIR_ENV);
    if (reuse != null && !reuse.isBlank()) {
      return DevCluster.attach(Paths.get(reuse));
    }
    DevCluster c = DevCluster.startTemporary("cephsmb-test-");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (c.isRunning()) {
                    c.close();
                  }
                },
                "ceph-dev-stop"));
    return c;
  }

  /** Closed by JUnit when the root context (the run) ends. */
  private static final class Holder implements ExtensionContext.Store.CloseableResource {
    final DevCluster cluster;

    Holder(DevCluster cluster) {
      this.cluster = cluster;
    }

    @Override
    public void close() {
      cluster.close();
    }
  }
}
