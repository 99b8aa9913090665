package dev.lpa.cli.support;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** How data is printed: a table for people (the default on a terminal), JSON for programs. */
public final class OutputOptions {
  public enum Format {
    TABLE,
    JSON,
    JSONL
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Choice choice = new Choice();

  static final class Choice {
    @Option(names = "--json", description = "Print the data as one JSON document.")
    boolean json;

    @Option(names = "--jsonl", description = "Print the data as JSON lines, one object per line.")
    boolean jsonl;
  }

  public Format format() {
    if (choice != null && choice.json) {
      return Format.JSON;
    }
    if (choice != null && choice.jsonl) {
      return Format.JSONL;
    }
    return Format.TABLE;
  }

  public boolean machine() {
    return format() != Format.TABLE;
  }
}
