package org.ccphone.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The product's beans and who injects whom, counting {@code Instance<T>} and {@code Provider<T>} as
 * an injection of T and an interface as each of its beans; and the cycles in it (Tarjan's strongly
 * connected components).
 */
final class BeanGraph {
  private static final Set<String> WRAPPERS = Set.of("jakarta.enterprise.inject.Instance", "jakarta.inject.Provider");
  private final Map<String, Set<String>> injects = new HashMap<>();

  static BeanGraph of(JavaClasses classes) {
    BeanGraph graph = new BeanGraph();
    List<JavaClass> beans = classes.stream().filter(BeanGraph::injects).toList();
    for (JavaClass bean : beans) {
      Set<String> targets = new TreeSet<>();
      bean.getFields().stream().filter(f -> f.isAnnotatedWith("jakarta.inject.Inject"))
          .forEach(f -> targets.addAll(resolve(f.getType(), classes)));
      bean.getConstructors().stream().filter(c -> c.isAnnotatedWith("jakarta.inject.Inject"))
          .forEach(c -> c.getParameters().forEach(p -> targets.addAll(resolve(p.getType(), classes))));
      graph.injects.put(bean.getName(), targets);
    }
    return graph;
  }

  private static boolean injects(JavaClass type) {
    return type.getFields().stream().anyMatch(f -> f.isAnnotatedWith("jakarta.inject.Inject"))
        || type.getConstructors().stream().anyMatch(c -> c.isAnnotatedWith("jakarta.inject.Inject"));
  }

  /** The product's classes an injection point of this type may receive. */
  private static Set<String> resolve(JavaType type, JavaClasses classes) {
    JavaType injected = type;
    if (type instanceof JavaParameterizedType parameterized && WRAPPERS.contains(type.toErasure().getName())) {
      injected = parameterized.getActualTypeArguments().get(0);
    }
    JavaClass raw = injected.toErasure();
    Set<String> found = new TreeSet<>();
    if (!raw.getPackageName().startsWith("org.ccphone")) {
      return found;
    }
    classes.stream().filter(c -> !c.isInterface() && !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT))
        .filter(c -> c.isAssignableTo(raw.getName()))
        .forEach(c -> found.add(c.getName()));
    return found;
  }

  /** The beans {@code bean} injects (its class's full name). */
  Set<String> injectedBy(String bean) {
    return injects.getOrDefault(bean, Set.of());
  }

  /** Each cycle as the sorted names of the beans in it. */
  List<String> cycles() {
    List<String> cycles = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new LinkedHashSet<>();
    int[] counter = {0};
    for (String node : injects.keySet()) {
      if (!index.containsKey(node)) {
        connect(node, index, low, stack, onStack, counter, cycles);
      }
    }
    return cycles;
  }

  private void connect(String node, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
      Set<String> onStack, int[] counter, List<String> cycles) {
    index.put(node, counter[0]);
    low.put(node, counter[0]++);
    stack.push(node);
    onStack.add(node);
    for (String next : injects.getOrDefault(node, Set.of())) {
      if (!index.containsKey(next)) {
        connect(next, index, low, stack, onStack, counter, cycles);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      Set<String> component = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        component.add(member);
      } while (!member.equals(node));
      if (component.size() > 1 || injects.getOrDefault(node, Set.of()).contains(node)) {
        cycles.add(String.join(" -> ", component));
      }
    }
  }
}
