/*
 * A single-node OpenSearch 2.19 cluster on 127.0.0.1 for development and CI, run by scripts/search-node.sh.
 *
 * System properties: search.port (HTTP port, default 9200), search.transportPort (default port + 100),
 * search.home (directory for config, data and logs), search.cluster (cluster name).
 * Prints "READY <url>" once the cluster is yellow or green; closes the node cleanly on SIGTERM/SIGINT.
 */

import static org.codelibs.opensearch.runner.OpenSearchRunner.newConfigs;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.common.settings.Settings;

public final class SearchNode {

    private SearchNode() {
    }

    public static void main(final String[] args) throws Exception {
        final int port = Integer.getInteger("search.port", 9200);
        final int transportPort = Integer.getInteger("search.transportPort", port + 100);
        final Path home = Paths.get(System.getProperty("search.home", "var/opensearch")).toAbsolutePath();
        final String cluster = System.getProperty("search.cluster", "portal-dev");

        final OpenSearchRunner runner = new OpenSearchRunner();
        final CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (!runner.isClosed()) {
                    runner.close();
                }
            } catch (final Exception e) {
                System.err.println("Failed to close the node: " + e);
            } finally {
                closed.countDown();
            }
        }, "search-node-shutdown"));

        try {
            runner.onBuild((number, settings) -> {
                settings.put("network.host", "127.0.0.1");
                settings.put("http.port", String.valueOf(port));
                settings.put("transport.port", String.valueOf(transportPort));
                settings.put("discovery.type", "single-node");
                settings.putList("node.roles", "cluster_manager", "data", "ingest");
                settings.put("path.data", home.resolve("data").toString());
                settings.put("path.logs", home.resolve("logs").toString());
                // A development node on a shared disk: never flip indices to read-only for disk watermarks.
                settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
            });
            runner.build(newConfigs().numOfNode(1).basePath(home.toString()).clusterName(cluster).printOnFailure());
            runner.ensureYellow();
            // No replicas on a single node (so new indexes are green, not yellow), unless an index or
            // a more specific template asks for them: a legacy template with the lowest order.
            runner.client().admin().indices().preparePutTemplate("search-node-defaults")
                    .setPatterns(List.of("*"))
                    .setOrder(-1000)
                    .setSettings(Settings.builder().put("index.number_of_replicas", 0))
                    .get();
            System.out.println("READY http://127.0.0.1:" + port);
            System.out.flush();
        } catch (final Throwable t) {
            // A node that failed half-way may leave non-daemon threads behind: exit for sure, so the
            // start script reports the failure at once instead of waiting for its timeout.
            System.err.println("The search node failed to start:");
            t.printStackTrace();
            System.exit(1);
        }
        closed.await();
    }
}
