package dev.embedscope.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's package map (docs/design-notes.md, "Layout") held to the compiled classes: the
 * packages' dependencies form no cycle, each package uses only the packages the map allows it, and
 * nothing in the engine names the command line, the GPU module or the benchmarks.
 */
class PackageDependenciesTest {

    /** Each engine package and the engine packages it may use. */
    static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("util", Set.of());
        MAY_USE.put("data", Set.of("util"));
        MAY_USE.put("io", Set.of("data", "util"));
        MAY_USE.put("linalg", Set.of("data", "util"));
        MAY_USE.put("knn", Set.of("data", "util"));
        MAY_USE.put("stats", Set.of("data", "util"));
        MAY_USE.put("scale", Set.of("data", "stats", "util"));
        MAY_USE.put("tsne", Set.of("data", "knn", "linalg", "util"));
        MAY_USE.put("quality", Set.of("knn", "tsne", "util"));
        MAY_USE.put("backend", Set.of("tsne", "knn", "util"));
        MAY_USE.put("compare", Set.of("data", "knn", "linalg", "stats", "util"));
        MAY_USE.put("audit", Set.of("data", "knn", "linalg", "stats", "util"));
        MAY_USE.put("pipeline", Set.of("backend", "data", "knn", "linalg", "quality",
                "scale", "stats", "tsne", "util"));
    }

    static JavaClasses engine;

    @BeforeAll
    static void importClasses() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.embedscope");
    }

    @Test
    void theMapNamesEveryEnginePackage() {
        Set<String> found = new TreeSet<>();
        engine.forEach(c -> found.add(c.getPackageName().replace("dev.embedscope.", "")));
        assertEquals(new TreeSet<>(MAY_USE.keySet()), found, "a new package needs its line in the map");
    }

    @Test
    void enginePackagesFormNoCycle() {
        slices().matching("dev.embedscope.(*)..").should().beFreeOfCycles().check(engine);
    }

    @Test
    void eachPackageUsesOnlyWhatTheMapAllows() {
        for (Map.Entry<String, Set<String>> e : MAY_USE.entrySet()) {
            List<String> forbidden = new ArrayList<>();
            for (String other : MAY_USE.keySet()) {
                if (!other.equals(e.getKey()) && !e.getValue().contains(other)) {
                    forbidden.add("dev.embedscope." + other + "..");
                }
            }
            if (!forbidden.isEmpty()) {
                noClasses().that().resideInAPackage("dev.embedscope." + e.getKey() + "..").should()
                        .dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new)).check(engine);
            }
        }
    }

    @Test
    void theEngineNamesNeitherTheCommandLineNorTheGpuNorTheBenchmarks() {
        noClasses().that().resideInAPackage("dev.embedscope..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.embedscope.cli..", "dev.embedscope.gpu..",
                "dev.embedscope.bench..").check(engine);
    }
}
