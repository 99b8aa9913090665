package dev.lpa.cli.support;

import java.io.Console;

/**
 * Questions asked on the terminal. Commands ask only when {@link Terminal#interactive()} says a
 * person is there; tests hand in scripted answers.
 */
public interface Prompter {
  /** A line of text, or null at end of input. */
  String ask(String prompt);

  /** A secret read without echo, or null at end of input. */
  char[] askSecret(String prompt);

  /** The system console; works only when the JVM has one. */
  static Prompter console() {
    return new Prompter() {
      @Override
      public String ask(String prompt) {
        Console c = System.console();
        return c == null ? null : c.readLine("%s", prompt);
      }

      @Override
      public char[] askSecret(String prompt) {
        Console c = System.console();
        return c == null ? null : c.readPassword("%s", prompt);
      }
    };
  }
}
