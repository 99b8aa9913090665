package dev.lpa.cli.shell;

import dev.lpa.cli.completion.Scripts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Completes command names and options from the picocli model, and the values of conversation,
 * ring, skill, agent and canned-response arguments from the live workspace.
 */
public final class ShellCompleter implements Completer {
  private final CommandSpec root;
  private final Function<String, List<String>> live;

  /** {@code live}: values of a kind ("conversations", "skills", ...), empty when not connected. */
  public ShellCompleter(CommandSpec root, Function<String, List<String>> live) {
    this.root = root;
    this.live = live;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    for (String s : candidates(line.words(), line.wordIndex(), line.wordCursor())) {
      // a value with a space ("Tech Support") must reach the command as one word
      String value = s.matches(".*\\s.*") ? "'" + s.replace("'", "") + "'" : s;
      candidates.add(new Candidate(value, s, null, null, null, null, true));
    }
  }

  /** Candidates for the word at {@code wordIndex}, given the cursor inside it. */
  public List<String> candidates(List<String> words, int wordIndex, int wordCursor) {
    List<CharSequence> found = new ArrayList<>();
    String[] args = words.toArray(String[]::new);
    AutoComplete.complete(root, args, wordIndex, wordCursor, wordCursor, found);
    String word = wordIndex < words.size() ? words.get(wordIndex) : "";
    String prefix = word.substring(0, Math.min(wordCursor, word.length()));
    List<String> out = new ArrayList<>();
    // picocli returns the remaining suffixes; the reader wants whole words
    for (CharSequence c : found) {
      out.add(prefix + c);
    }
    String kind = liveKind(words, wordIndex);
    if (kind != null && !prefix.startsWith("-")) {
      for (String v : live.apply(kind)) {
        if (v.startsWith(prefix) && !out.contains(v)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  /** Which live values fit the word at {@code wordIndex}, or null. */
  String liveKind(List<String> words, int wordIndex) {
    CommandSpec spec = root;
    int i = 0;
    for (; i < wordIndex; i++) {
      CommandLine sub = spec.subcommands().get(words.get(i));
      if (sub == null) {
        break;
      }
      spec = sub.getCommandSpec();
    }
    if (wordIndex > 0) {
      OptionSpec prev = spec.findOption(words.get(wordIndex - 1));
      if (prev != null && prev.arity().max() > 0) {
        return kindOf(prev);
      }
    }
    for (ArgSpec p : spec.positionalParameters()) {
      String k = kindOf(p);
      if (k != null) {
        return k;
      }
    }
    return null;
  }

  private static String kindOf(ArgSpec a) {
    return Scripts.LIVE_LABELS.get(a.paramLabel().replaceAll("[<>.]", ""));
  }
}
