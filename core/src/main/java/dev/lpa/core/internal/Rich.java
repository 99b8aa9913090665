package dev.lpa.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Structured content to readable lines, through the text package's renderer. */
public final class Rich {
  private Rich() {}

  public static List<String> lines(JsonNode content) {
    return dev.lpa.core.text.RichContentRenderer.render(content);
  }
}
