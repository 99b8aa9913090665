package dev.lpa.tui;

import java.util.Arrays;

/** The login screen's fields; the password lives in a char array that is wiped after use. */
final class LoginForm {
  static final int ACCOUNT = 0;
  static final int USERNAME = 1;
  static final int PASSWORD = 2;
  static final int REMEMBER = 3;
  static final int LOGIN = 4;
  static final int SSO = 5;
  static final int FIELDS = 6;

  final StringBuilder account = new StringBuilder();
  final StringBuilder username = new StringBuilder();
  char[] password = new char[0];
  boolean remember = true;
  int field;
  String error;
  boolean busy;
  /** The SSO sign-in address the browser could not open, shown while the login waits. */
  String address;

  LoginForm(String rememberedAccount) {
    account.append(rememberedAccount == null ? "" : rememberedAccount);
    field = account.length() > 0 ? USERNAME : ACCOUNT;
  }

  /** The app enables its login button only once every field is filled. */
  boolean complete() {
    return account.length() > 0 && username.length() > 0 && password.length > 0;
  }

  void type(char c) {
    switch (field) {
      case ACCOUNT -> {
        if (Character.isLetterOrDigit(c)) {
          account.append(c);
        }
      }
      case USERNAME -> username.append(c);
      case PASSWORD -> {
        char[] p = Arrays.copyOf(password, password.length + 1);
        p[password.length] = c;
        Arrays.fill(password, '\0');
        password = p;
      }
      default -> {}
    }
  }

  void backspace() {
    switch (field) {
      case ACCOUNT -> {
        if (account.length() > 0) {
          account.setLength(account.length() - 1);
        }
      }
      case USERNAME -> {
        if (username.length() > 0) {
          username.setLength(username.length() - 1);
        }
      }
      case PASSWORD -> {
        if (password.length > 0) {
          char[] p = Arrays.copyOf(password, password.length - 1);
          Arrays.fill(password, '\0');
          password = p;
        }
      }
      default -> {}
    }
  }

  /** Hands the password over and forgets it here. */
  char[] takePassword() {
    char[] p = password;
    password = new char[0];
    return p;
  }
}
