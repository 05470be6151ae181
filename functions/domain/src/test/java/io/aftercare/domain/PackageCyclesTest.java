package io.aftercare.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.ticket.Ticket;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The domain's packages as the JDK's {@code jdeps} reads them from the compiled classes: none may sit on a cycle, of
 * any length (the cycles action-email, shop-ticket, email-ticket, email-shop, root-email and email-webhook-ticket
 * were cut). A class left in target/classes by an earlier build of a moved class counts too: build clean after
 * moving one.
 */
class PackageCyclesTest {

    private static final String ROOT = "io.aftercare.domain";
    private static final Pattern EDGE = Pattern.compile("^\\s*(io\\.aftercare\\.domain[\\w.]*)\\s+->\\s+(io\\.aftercare\\.domain[\\w.]*)\\s");

    private static final Map<String, Set<String>> uses = new TreeMap<>();

    @BeforeAll
    static void readTheCompiledDomain() throws URISyntaxException {
        Path classes = Path.of(Ticket.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none", classes.toString());
        assertThat(status).as(out.toString()).isZero();
        for (String line : out.toString().split("\n")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.find() && !edge.group(1).equals(edge.group(2))) {
                uses.computeIfAbsent(edge.group(1), p -> new TreeSet<>()).add(edge.group(2));
            }
        }
    }

    @Test
    void givenTheCompiledDomain_whenJdepsReadsIt_thenItSeesTheTicketsUsingShopsAndTheWebhooksUsingTickets() {
        assertThat(uses.get(ROOT + ".ticket")).contains(ROOT + ".shop", ROOT + ".email");
        assertThat(uses.get(ROOT + ".webhook")).contains(ROOT + ".ticket");
    }

    @Test
    void givenTheCompiledDomain_whenEveryPackagesDependenciesAreFollowed_thenNoneLeadsBackToItself() {
        Set<String> onCycles = new TreeSet<>();
        for (String pkg : uses.keySet()) {
            if (reachable(pkg).contains(pkg)) {
                onCycles.add(pkg);
            }
        }

        assertThat(onCycles).as("packages on a dependency cycle, with what they use: %s", uses).isEmpty();
    }

    private static Set<String> reachable(String from) {
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(uses.getOrDefault(from, Set.of()));
        while (!next.isEmpty()) {
            String pkg = next.pop();
            if (seen.add(pkg)) {
                next.addAll(uses.getOrDefault(pkg, Set.of()));
            }
        }
        return seen;
    }
}
