package dev.embedscope.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line's sub-packages by role, held to the compiled classes: {@code commands} use
 * {@code options}, {@code render} and {@code report}; {@code report} uses {@code render}; neither
 * {@code options} nor {@code render} uses another role; only the root ({@code Main}, {@code Errors})
 * names the commands; no cycle; and no command line class reaches a GPU class directly.
 */
class CliLayoutTest {

    static JavaClasses cli;

    @BeforeAll
    static void importClasses() {
        cli = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.embedscope.cli");
    }

    @Test
    void rolesFormNoCycle() {
        slices().matching("dev.embedscope.cli.(*)..").should().beFreeOfCycles().check(cli);
    }

    @Test
    void optionsAndRenderUseNoOtherRole() {
        noClasses().that().resideInAnyPackage("dev.embedscope.cli.options..", "dev.embedscope.cli.render..").should()
                .dependOnClassesThat().resideInAnyPackage("dev.embedscope.cli.commands..",
                        "dev.embedscope.cli.report..", "dev.embedscope.cli").check(cli);
        noClasses().that().resideInAPackage("dev.embedscope.cli.options..").should().dependOnClassesThat()
                .resideInAPackage("dev.embedscope.cli.render..").check(cli);
        noClasses().that().resideInAPackage("dev.embedscope.cli.render..").should().dependOnClassesThat()
                .resideInAPackage("dev.embedscope.cli.options..").check(cli);
    }

    @Test
    void reportsUseOnlyRender() {
        noClasses().that().resideInAPackage("dev.embedscope.cli.report..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.embedscope.cli.commands..",
                "dev.embedscope.cli.options..", "dev.embedscope.cli").check(cli);
    }

    @Test
    void onlyTheRootNamesCommandsAndNothingNamesAGpuClass() {
        noClasses().that().resideOutsideOfPackages("dev.embedscope.cli", "dev.embedscope.cli.commands..").should()
                .dependOnClassesThat().resideInAPackage("dev.embedscope.cli.commands..").check(cli);
        noClasses().that().resideInAPackage("dev.embedscope.cli..").should().dependOnClassesThat()
                .resideInAPackage("dev.embedscope.gpu..").check(cli);
    }
}
