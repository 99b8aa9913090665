package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.OutputOptions;
import dev.lpa.cli.support.Printer;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.workspace.MessageLimits;
import dev.lpa.core.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "send",
    description = "Send a message, a photo or a canned response to a conversation.",
    footer = {
      "",
      "Examples:",
      "  lpa send 3f2a \"Thanks, I'm checking your order now.\"",
      "  echo 'Multi-line\\nreply' | lpa send 3f2a --stdin",
      "  lpa send 3f2a --file receipt.png --caption 'Your receipt'",
      "  lpa send 3f2a --canned greet",
      "",
      "A text message may be up to 10000 characters; longer text is refused (exit 2)."
    })
public final class SendCommand extends WorkspaceCommand {
  @Parameters(index = "0", paramLabel = "CONV", description = "Conversation id (or a unique prefix).")
  String conv;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TEXT", description = "The message text.")
  String text;

  @ArgGroup(exclusive = true)
  Source source = new Source();

  static final class Source {
    @Option(names = "--stdin", description = "Read the message text from stdin.")
    boolean stdin;

    @Option(names = "--file", paramLabel = "PHOTO", description = "Send a photo (JPEG, PNG, GIF).")
    Path file;

    @Option(names = "--canned", paramLabel = "ID", description = "Send a canned response by id or hotkey (see: lpa canned).")
    String canned;
  }

  @Option(names = "--caption", paramLabel = "TEXT", description = "With --file: a caption.")
  String caption;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    int sources = (text != null ? 1 : 0) + (source.stdin ? 1 : 0) + (source.file != null ? 1 : 0) + (source.canned != null ? 1 : 0);
    if (sources != 1) {
      throw CliException.usage("give exactly one of TEXT, --stdin, --file or --canned");
    }
    if (caption != null && source.file == null) {
      throw CliException.usage("--caption goes with --file");
    }
    // the text is checked before connecting: a refused message costs no login or socket
    String body = text;
    if (source.stdin) {
      body = new String(ctx.stdin().readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
    }
    checkLength(body);
    Workspace w = workspace();
    Conversation c = conversation(w, conv);
    if (!c.open()) {
      throw CliException.usage("conversation " + Views.shortId(c.id()) + " is closed");
    }
    Message sent;
    if (source.file != null) {
      if (!Files.isReadable(source.file)) {
        throw CliException.notFound("cannot read " + source.file);
      }
      progress("Uploading " + source.file.getFileName() + "...");
      sent = Await.get(w.sendFile(c.id(), source.file, caption), "sending the photo");
    } else {
      if (source.canned != null) {
        body = w.fillCanned(canned(w, c, source.canned), c.id());
        checkLength(body);
      }
      if (body == null || body.isBlank()) {
        throw CliException.usage("the message is empty");
      }
      sent = Await.get(w.sendText(c.id(), body), "sending");
    }
    Printer p = printer(output);
    if (p.machine()) {
      p.document(Views.json(sent));
    } else {
      p.println("Sent to " + Views.shortId(c.id()) + " " + Views.receipt(sent));
    }
    return 0;
  }

  private static void checkLength(String body) {
    String tooLong = MessageLimits.tooLong(body);
    if (tooLong != null) {
      throw CliException.usage(tooLong + " (split it, or send a file with --file)");
    }
  }

  static CannedResponse canned(Workspace w, Conversation c, String key) {
    List<CannedResponse> all = Await.get(w.cannedResponses(c.skillId()), "loading canned responses");
    String k = key.toLowerCase(Locale.ROOT);
    return all.stream()
        .filter(r -> key.equals(r.id()) || (r.hotkey() != null && r.hotkey().toLowerCase(Locale.ROOT).equals(k)))
        .findFirst()
        .orElseThrow(() -> CliException.notFound(
            "no canned response " + key + " for skill " + Views.skill(c) + " (see: lpa canned --skill " + c.skillId() + ")"));
  }
}
