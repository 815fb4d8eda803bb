package org.ccphone.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ccphone.call.model.AgentSegment;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.CallerLeg;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.CallMedia;
import org.junit.jupiter.api.Test;

/** The shape of the code, checked: sizes, names, the call model's boundaries, no cycles of packages or beans. */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final int MAX_LINES = 300;
  private static final JavaClasses PRODUCT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.ccphone");

  @Test
  void noClassInTheProductIsOverThreeHundredLines() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      List<String> tooLong = files.filter(p -> p.toString().endsWith(".java")).map(p -> p + " " + lines(p))
          .filter(s -> Integer.parseInt(s.substring(s.lastIndexOf(' ') + 1)) > MAX_LINES).toList();
      assertEquals(List.of(), tooLong);
    }
  }

  @Test
  void noProjectTypeIsNamedByItsFullyQualifiedNameInCode() throws IOException {
    Pattern qualified = Pattern.compile("\\borg\\.ccphone\\.(?:[a-z0-9_]+\\.)*[A-Z]\\w*");
    try (Stream<Path> files = Files.walk(MAIN)) {
      List<String> found = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
        String code = CodeText.withoutCommentsAndStrings(read(p));
        return code.lines().filter(l -> !l.startsWith("package ") && !l.startsWith("import "))
            .flatMap(l -> {
              Matcher m = qualified.matcher(l);
              return m.find() ? Stream.of(p + ": " + m.group()) : Stream.empty();
            });
      }).toList();
      assertEquals(List.of(), found);
    }
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    slices().matching("org.ccphone.(**)").should().beFreeOfCycles().check(PRODUCT);
  }

  @Test
  void theCallModelIsPlainJava() {
    // CallerLeg is the model's name for the caller's side, which the services drive (its sends return
    // CompletionStages); the model only holds it.
    noClasses().that().resideInAPackage("org.ccphone.call.model..").and().doNotHaveSimpleName("CallerLeg")
        .should().dependOnClassesThat().resideInAnyPackage("jakarta.enterprise..", "jakarta.inject..", "jakarta.annotation..",
            "jakarta.ejb..", "jakarta.ws..", "jakarta.websocket..", "java.sql..", "java.io..", "java.nio.file..",
            "java.nio.channels..", "java.net.http..", "java.util.concurrent..", "org.ccphone.call", "org.ccphone.call.engine..",
            "org.ccphone.call.sip..", "org.ccphone.call.phone..", "org.ccphone.call.media..", "org.ccphone.call.end..",
            "org.ccphone.call.queue..", "org.ccphone.call.lifecycle..", "org.ccphone.sip.ra.stack..", "org.kurento..", "javax.sip..")
        .orShould().dependOnClassesThat().belongToAnyOf(Socket.class, ServerSocket.class, DatagramSocket.class, URL.class,
            URLConnection.class)
        .because("the model decides; the services do the I/O")
        .check(PRODUCT);
    noClasses().that().resideInAPackage("org.ccphone.call.model..")
        .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("a call to the caller's side or the media") {
          @Override
          public boolean test(JavaMethodCall call) {
            return call.getTargetOwner().isAssignableTo(CallerLeg.class) || call.getTargetOwner().isAssignableTo(AgentMediaLeg.class)
                || call.getTargetOwner().isAssignableTo(CallMedia.class);
          }
        })
        .because("effects name the work; the services do it")
        .check(PRODUCT);
    noClasses().that().resideInAPackage("org.ccphone.call.model..")
        .should().callMethod(Instant.class, "now").orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime").orShould().dependOnClassesThat().areAssignableTo(Clock.class)
        .because("the time is passed in")
        .check(PRODUCT);
  }

  @Test
  void noCodeOutsideTheModelDecidesOnWhereACallIs() {
    // The stage is the model's own (package-private); its yes/no questions are not asked elsewhere either.
    // declinedBy is a fact of the call's history (who declined it), used to pick the agent to offer it to.
    noClasses().that().resideOutsideOfPackage("org.ccphone.call.model..")
        .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("a yes/no question to a call or its segment") {
          @Override
          public boolean test(JavaMethodCall call) {
            String owner = call.getTargetOwner().getName();
            boolean ofTheModel = owner.equals(Call.class.getName()) || owner.equals(AgentSegment.class.getName());
            return ofTheModel && call.getTarget().getRawReturnType().isEquivalentTo(boolean.class)
                && !call.getName().equals("declinedBy");
          }
        })
        .check(PRODUCT);
  }

  @Test
  void noBeanDependsOnItselfThroughOthers() {
    noClasses().should().callMethod(jakarta.enterprise.inject.spi.CDI.class, "current")
        .because("a programmatic lookup would hide a dependency from the bean graph").check(PRODUCT);
    BeanGraph beans = BeanGraph.of(PRODUCT);
    // The graph sees what the engine injects, through Instance<> too: the check below is not vacuous.
    assertTrue(beans.injectedBy("org.ccphone.call.engine.CallEngine").contains("org.ccphone.call.engine.SipWork"));
    assertTrue(beans.injectedBy("org.ccphone.call.engine.RoutingWork").contains("org.ccphone.media.kurento.KurentoMediaPlane"));
    assertEquals(List.of(), beans.cycles());
  }

  private static int lines(Path file) {
    return (int) read(file).lines().count();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
