package dev.lpa.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core's packages depend on each other in one direction only. Read off the sources (imports and
 * fully qualified names) of core/src/main, so a new edge that closes a cycle fails here, named.
 *
 * <p>The root package {@code dev.lpa.core} is left out: it is the entry point every layer may
 * reach for its shared exception and configuration ({@code LpaException}, {@code ClientConfig})
 * and that wires the layers together ({@code LpaClient} and its {@code DefaultLpaClient}).
 */
class PackageCyclesTest {
  private static final Path MAIN = Path.of("src/main/java/dev/lpa/core");
  private static final Pattern REF = Pattern.compile("\\bdev\\.lpa\\.core\\.([a-z][a-z0-9]*)\\.[A-Z]");

  static Map<String, Set<String>> graph() throws IOException {
    Map<String, Set<String>> g = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Path rel = MAIN.relativize(f);
        if (rel.getNameCount() < 2) {
          continue; // the root package
        }
        String from = rel.getName(0).toString();
        Set<String> to = g.computeIfAbsent(from, k -> new TreeSet<>());
        Matcher m = REF.matcher(Files.readString(f));
        while (m.find()) {
          if (!m.group(1).equals(from)) {
            to.add(m.group(1));
          }
        }
      }
    }
    return g;
  }

  /** Strongly connected components of more than one package (Tarjan's algorithm). */
  static List<Set<String>> cycles(Map<String, Set<String>> g) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    int[] next = {0};
    for (String v : g.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, g, index, low, stack, onStack, out, next);
      }
    }
    return out;
  }

  private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> out, int[] next) {
    index.put(v, next[0]);
    low.put(v, next[0]);
    next[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : g.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, g, index, low, stack, onStack, out, next);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> c = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        c.add(w);
      } while (!w.equals(v));
      if (c.size() > 1) {
        out.add(c);
      }
    }
  }

  @Test
  void coresPackagesHaveNoCycles() throws IOException {
    Map<String, Set<String>> g = graph();
    assertThat(g).as("packages found under " + MAIN.toAbsolutePath()).containsKeys("workspace", "ums", "rest", "auth");
    Set<String> found = new TreeSet<>();
    for (Set<String> c : cycles(g)) {
      found.add(String.join(",", c));
    }
    assertThat(found).as("package cycles (dependencies: %s)", g).isEmpty();
  }

  @Test
  void theCheckSeesACycle() {
    Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
    assertThat(cycles(new TreeMap<>(g))).containsExactly(Set.of("a", "b", "c"));
  }
}
