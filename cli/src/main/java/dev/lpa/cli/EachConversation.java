package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.ErrorHandler;
import dev.lpa.cli.support.ExitCodes;
import dev.lpa.core.workspace.Workspace;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Runs one action on several conversations given on the command line: each id resolved and
 * de-duplicated, one line per conversation, and a failure does not stop the rest. One id behaves
 * like a single command (its own exit code); several report exit 5 when some failed.
 */
final class EachConversation {
  private EachConversation() {}

  static int run(Workspace w, List<String> ids, String verb, PrintWriter out, PrintWriter err,
      BiFunction<Workspace, String, CompletableFuture<Void>> action) {
    if (ids.size() == 1) {
      String id = w.resolveConversationId(ids.get(0));
      Await.get(action.apply(w, id), verb);
      out.println(capital(verb) + " " + Views.shortId(id) + ".");
      out.flush();
      return 0;
    }
    LinkedHashSet<String> resolved = new LinkedHashSet<>();
    int failed = 0;
    for (String raw : ids) {
      try {
        resolved.add(w.resolveConversationId(raw));
      } catch (RuntimeException e) {
        failed++;
        err.println(raw + "  failed  " + ErrorHandler.classify(e).message());
      }
    }
    for (String id : resolved) {
      try {
        Await.get(action.apply(w, id), verb);
        out.println(Views.shortId(id) + "  " + verb);
      } catch (RuntimeException e) {
        failed++;
        out.println(Views.shortId(id) + "  failed  " + ErrorHandler.classify(e).message());
      }
    }
    out.flush();
    err.flush();
    if (failed > 0) {
      throw new CliException(ExitCodes.PARTIAL, failed + " of " + ids.size() + " failed");
    }
    return 0;
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
