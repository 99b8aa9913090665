package dev.lpa.core.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Structured content (LivePerson's card JSON, carousels, quick replies) as readable plain lines
 * for a terminal. Agents cannot click anything in a console, so the goal is to show what the
 * consumer saw: texts, images as their caption and address, buttons as {@code [ title ]} with
 * where they lead, quick replies on one line, cards of a carousel one after the other.
 *
 * <p>Accepts a whole event ({@code RichContentEvent}, or a text {@code ContentEvent} carrying
 * {@code quickReplies}), a bare element, or either as a JSON string (history delivers them as
 * strings). Anything it does not know is shown as pretty-printed JSON rather than dropped. Every
 * returned line went through {@link SafeText#line}.
 */
public final class RichContentRenderer {
  /** Nesting beyond this is shown as a marker: element.json is recursive and input untrusted. */
  static final int MAX_DEPTH = 24;

  private static final ObjectMapper JSON = new ObjectMapper();

  private RichContentRenderer() {}

  /** Parses {@code json} first; text that is not JSON is shown as text. */
  public static List<String> render(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return render(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      return textLines(json);
    }
  }

  public static List<String> render(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return out;
    }
    if (node.isTextual()) {
      return render(node.asText());
    }
    String type = node.path("type").asText("");
    switch (type) {
      case "RichContentEvent" -> {
        // the schema calls the payload "message"; every real frame calls it "content"
        JsonNode content = node.has("content") ? node.get("content") : node.get("message");
        element(parsed(content), out, 0);
        quickReplies(parsed(node.get("quickReplies")), out);
      }
      case "ContentEvent" -> {
        JsonNode message = node.get("message");
        if (message != null && message.isTextual()) {
          out.addAll(textLines(message.asText()));
        } else if (message != null && message.has("relativePath")) {
          out.add(SafeText.line("[photo] " + text(message, "caption")).strip());
        } else {
          element(message, out, 0);
        }
        quickReplies(parsed(node.get("quickReplies")), out);
      }
      default -> element(node, out, 0);
    }
    return out;
  }

  /** History and some connectors nest JSON as a string. */
  private static JsonNode parsed(JsonNode n) {
    if (n != null && n.isTextual()) {
      String s = n.asText().strip();
      if (s.startsWith("{") || s.startsWith("[")) {
        try {
          return JSON.readTree(s);
        } catch (JsonProcessingException e) {
          return n;
        }
      }
    }
    return n;
  }

  private static void element(JsonNode node, List<String> out, int depth) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (depth > MAX_DEPTH) {
      out.add("[… nested too deep]");
      return;
    }
    node = parsed(node);
    if (node.isTextual()) {
      out.addAll(textLines(node.asText()));
      return;
    }
    if (node.isArray()) {
      for (JsonNode n : node) {
        element(n, out, depth + 1);
      }
      return;
    }
    String type = node.path("type").asText("");
    switch (type) {
      case "text" -> out.addAll(textLines(node.path("text").asText("")));
      case "image" -> out.add(image(node));
      case "button", "submitButton" -> out.add(button(node));
      case "checkbox" -> out.add(SafeText.line("[ ] " + first(node, "text", "title")));
      case "map" -> out.add(SafeText.line("[map] " + node.path("la").asText("?") + ", " + node.path("lo").asText("?")
          + titleSuffix(node)));
      case "linkPreview" -> out.add(SafeText.line(("[link] " + first(node, "title") + " <" + text(node, "url") + ">")
          .replace("  ", " ")));
      case "quickReplies" -> quickReplies(node, out);
      case "template" -> {
        // the older quick-reply template: a question and plain answers
        out.addAll(textLines(text(node, "title")));
        List<String> replies = new ArrayList<>();
        node.path("resp").forEach(r -> replies.add(r.asText("")));
        out.add(replyLine(replies));
      }
      case "horizontal" -> horizontal(node, out, depth);
      case "carousel" -> carousel(node, out, depth);
      default -> {
        if (node.path("elements").isArray()) {
          // vertical, list, sectionList, section, checklist, buttonList and future layouts
          String title = first(node, "title");
          if (!title.isEmpty() && !"vertical".equals(type)) {
            out.addAll(textLines(title));
          }
          for (JsonNode e : node.get("elements")) {
            element(e, out, depth + 1);
          }
        } else {
          out.addAll(prettyJson(node));
        }
      }
    }
  }

  private static void horizontal(JsonNode node, List<String> out, int depth) {
    List<List<String>> parts = new ArrayList<>();
    for (JsonNode e : node.path("elements")) {
      List<String> p = new ArrayList<>();
      element(e, p, depth + 1);
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    if (parts.stream().allMatch(p -> p.size() == 1)) {
      // side by side fits on one line: buttons in a row read naturally that way
      out.add(String.join("  ", parts.stream().map(p -> p.get(0)).toList()));
    } else {
      parts.forEach(out::addAll);
    }
  }

  private static void carousel(JsonNode node, List<String> out, int depth) {
    JsonNode cards = node.path("elements");
    int n = cards.size();
    int i = 0;
    for (JsonNode card : cards) {
      i++;
      out.add("--- card " + i + " of " + n + " ---");
      element(card, out, depth + 1);
    }
  }

  private static void quickReplies(JsonNode qr, List<String> out) {
    if (qr == null || !qr.isObject()) {
      return;
    }
    List<String> titles = new ArrayList<>();
    for (JsonNode r : qr.path("replies")) {
      titles.add(first(r, "title", "text"));
    }
    if (!titles.isEmpty()) {
      out.add(replyLine(titles));
    }
  }

  private static String replyLine(List<String> titles) {
    StringBuilder b = new StringBuilder("Quick replies:");
    for (String t : titles) {
      b.append(" (").append(t).append(')');
    }
    return SafeText.line(b.toString());
  }

  private static String image(JsonNode node) {
    String label = first(node, "caption", "tooltip", "alt");
    String url = text(node, "url");
    StringBuilder b = new StringBuilder("[image]");
    if (!label.isEmpty()) {
      b.append(' ').append(label);
    }
    if (!url.isEmpty()) {
      b.append(" <").append(url).append('>');
    }
    return SafeText.line(b.toString());
  }

  private static String button(JsonNode node) {
    return SafeText.line("[ " + first(node, "title", "text") + " ]" + clickSuffix(node));
  }

  private static String titleSuffix(JsonNode node) {
    String t = first(node, "title", "tooltip");
    return t.isEmpty() ? "" : " " + t;
  }

  /** Where a click leads, when it leaves the conversation (links, map locations). */
  private static String clickSuffix(JsonNode node) {
    for (JsonNode a : node.path("click").path("actions")) {
      switch (a.path("type").asText("")) {
        case "link" -> {
          String uri = text(a, "uri");
          if (uri.isEmpty()) {
            uri = a.path("web").path("uri").asText("");
          }
          if (!uri.isEmpty()) {
            return " -> " + uri;
          }
        }
        case "navigate" -> {
          return " -> map " + a.path("la").asText("?") + ", " + a.path("lo").asText("?");
        }
        default -> { }
      }
    }
    return "";
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText("");
  }

  private static String first(JsonNode node, String... fields) {
    for (String f : fields) {
      String v = text(node, f);
      if (!v.isBlank()) {
        return v;
      }
    }
    return "";
  }

  private static List<String> textLines(String s) {
    List<String> out = new ArrayList<>();
    for (String l : SafeText.multiline(s).split("\n", -1)) {
      out.add(l);
    }
    // a trailing newline in a message is not a line of its own
    while (out.size() > 1 && out.get(out.size() - 1).isBlank()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static List<String> prettyJson(JsonNode node) {
    try {
      List<String> out = new ArrayList<>();
      for (String l : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node).split("\\R")) {
        out.add(SafeText.line(l));
      }
      return out;
    } catch (JsonProcessingException e) {
      return List.of(SafeText.line(node.toString()));
    }
  }
}
