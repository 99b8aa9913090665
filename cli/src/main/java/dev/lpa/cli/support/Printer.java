package dev.lpa.cli.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints data as a table for people or as JSON / JSON lines for programs. */
public final class Printer {
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final PrintWriter out;
  private final OutputOptions.Format format;
  private final Ansi ansi;

  public Printer(PrintWriter out, OutputOptions.Format format, Ansi ansi) {
    this.out = out;
    this.format = format;
    this.ansi = ansi;
  }

  public OutputOptions.Format format() {
    return format;
  }

  public boolean machine() {
    return format != OutputOptions.Format.TABLE;
  }

  public Ansi ansi() {
    return ansi;
  }

  /** A list of items: a JSON array, or one JSON object per line. */
  public void items(List<?> items) {
    if (format == OutputOptions.Format.JSONL) {
      for (Object o : items) {
        line(o);
      }
    } else {
      document(items);
    }
  }

  /**
   * Items that a {@code --watch} refreshes: once, as {@link #items}; live, one compact line per
   * refresh, {@code {"at": ..., key: [...]}}.
   */
  public void refreshed(String key, List<?> items, boolean live, java.time.Instant at) {
    if (!live) {
      items(items);
      return;
    }
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("at", at);
    m.put(key, items);
    line(m);
  }

  /** Before a live table's next refresh on a terminal: the screen cleared, the cursor home. */
  public void clearScreen() {
    out.print("\u001b[H\u001b[2J");
  }

  /** One value: a pretty JSON document, or one compact line in JSONL mode. */
  public void document(Object value) {
    if (format == OutputOptions.Format.JSONL) {
      line(value);
      return;
    }
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    out.flush();
  }

  /** One compact JSON line (used by streams such as watch). */
  public void line(Object value) {
    out.println(compact(value));
    out.flush();
    if (out.checkError()) {
      throw new OutputClosedException();
    }
  }

  public static String compact(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** A left-aligned table; cells may carry SGR colour. The last column is not padded. */
  public void table(List<String> headers, List<List<String>> rows) {
    int n = headers.size();
    int[] w = new int[n];
    for (int i = 0; i < n; i++) {
      w[i] = Ansi.width(headers.get(i));
    }
    for (List<String> r : rows) {
      for (int i = 0; i < n; i++) {
        w[i] = Math.max(w[i], Ansi.width(r.get(i)));
      }
    }
    List<String> head = new ArrayList<>();
    for (String h : headers) {
      head.add(ansi.bold(h));
    }
    out.println(row(head, w));
    for (List<String> r : rows) {
      out.println(row(r, w));
    }
    out.flush();
    if (out.checkError()) {
      throw new OutputClosedException();
    }
  }

  private static String row(List<String> cells, int[] w) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      b.append(c);
      if (i < cells.size() - 1) {
        b.append(" ".repeat(w[i] - Ansi.width(c) + 2));
      }
    }
    return b.toString().stripTrailing();
  }

  public void println(String s) {
    out.println(s);
    out.flush();
    if (out.checkError()) {
      throw new OutputClosedException();
    }
  }
}
