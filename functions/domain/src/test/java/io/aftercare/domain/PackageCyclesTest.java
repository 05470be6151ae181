package io.aftercare.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.email.EmailKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The domain's packages, as the JDK's jdeps reads the compiled classes: which depend on which. */
class PackageCyclesTest {

    private static final String ROOT = "io.aftercare.domain";
    private static final Pattern EDGE = Pattern.compile("^\\s+(io\\.aftercare\\.domain\\S*)\\s+->\\s+(io\\.aftercare\\.domain\\S*)\\s", Pattern.MULTILINE);

    /**
     * Pairs of packages that still depend on each other: each is to be cut, and none may be added. Once cut, a pair
     * leaves this list.
     */
    private static final Set<String> NOT_YET_CUT = Set.of("(root) <-> email", "action <-> ticket", "email <-> shop", "shop <-> ticket");

    private static final Set<String> edges = new HashSet<>();

    @BeforeAll
    static void readDependencies() throws Exception {
        Path classes = Path.of(EmailKind.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        var out = new StringWriter();
        var err = new StringWriter();
        int status = ToolProvider.findFirst("jdeps").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-e", "io\\.aftercare\\..*", classes.toString());
        assertThat(status).as(err.toString()).isZero();
        Matcher edge = EDGE.matcher(out.toString());
        while (edge.find()) {
            edges.add(name(edge.group(1)) + " -> " + name(edge.group(2)));
        }
        assertThat(edges).as("jdeps output: " + out).contains("email -> action");
    }

    @Test
    void givenTheCompiledDomain_whenItsPackagesAreRead_thenTheActionPackageNeedsNothingOfTheEmailPackage() {
        assertThat(edges).doesNotContain("action -> email");
    }

    @Test
    void givenTheCompiledDomain_whenItsPackagesAreRead_thenTheEmailPackageNeedsNothingOfTheTicketPackage() {
        assertThat(edges).doesNotContain("email -> ticket");
    }

    @Test
    void givenTheCompiledDomain_whenItsPackagesAreRead_thenNoTwoDependOnEachOtherButThoseStillToBeCut() {
        Set<String> mutual = new TreeSet<>();
        for (String edge : edges) {
            String[] ends = edge.split(" -> ");
            if (ends[0].compareTo(ends[1]) < 0 && edges.contains(ends[1] + " -> " + ends[0])) {
                mutual.add(ends[0] + " <-> " + ends[1]);
            }
        }
        assertThat(mutual).isSubsetOf(NOT_YET_CUT);
    }

    private static String name(String pkg) {
        return pkg.equals(ROOT) ? "(root)" : pkg.substring(ROOT.length() + 1);
    }
}
