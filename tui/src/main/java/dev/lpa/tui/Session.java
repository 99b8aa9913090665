package dev.lpa.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.lpa.core.LpaException;
import dev.lpa.core.bulk.BulkPlan;
import dev.lpa.core.bulk.BulkResult;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.usecase.ReturnMine;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.tui.keys.Action;
import dev.lpa.tui.keys.Context;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The login form's keys, signing in (password or SSO), and logging out (offering to return my
 * open conversations first).
 */
final class Session implements KeyHandler {
  private final Console ui;

  Session(Console ui) {
    this.ui = ui;
  }

  void openSignIn(LoginForm f, URI uri) {
    try {
      ui.opts.browser().accept(uri);
    } catch (RuntimeException e) {
      f.address = uri.toString();
    }
  }

  /** Messages the agent wrote that the server has not confirmed (still in the outbox, or failed). */
  int unsent() {
    if (ui.state == null) {
      return 0;
    }
    int n = 0;
    for (List<dev.lpa.core.model.Message> msgs : ui.state.messages().values()) {
      for (dev.lpa.core.model.Message m : msgs) {
        if (m.localId() != null && (m.delivery() == dev.lpa.core.model.Message.Delivery.PENDING
            || m.delivery() == dev.lpa.core.model.Message.Delivery.FAILED)) {
          n++;
        }
      }
    }
    return n;
  }

  void startLogout() {
    int unsent = unsent();
    if (unsent > 0) {
      // logging out deletes the profile's local data, the outbox with it: never without asking
      ui.push(new Overlay.Menu(ui.text.get("logout.unsentTitle", unsent), List.of(
          Overlay.Item.of('k', ui.text.get("logout.keepUnsent"), () -> ui.info(ui.text.get("status.unsentKept"))),
          Overlay.Item.of('d', ui.text.get("logout.dropUnsent"), this::startLogoutKeepingNothing)), false));
      return;
    }
    startLogoutKeepingNothing();
  }

  /**
   * The server ended the session (it expired or was revoked) while the console was open: the
   * login form comes up here, with the account and user filled in, and the console keeps what it
   * showed, the reply being typed included; the outbox stays in the store and is sent after the
   * login, as after any reconnect.
   */
  void expired() {
    LoginHandler h = ui.opts.login();
    if (h == null || ui.mode == Console.Mode.LOGIN || ui.ws == null) {
      return;
    }
    Workspace w = ui.ws;
    String user = ui.state == null || ui.state.me() == null ? null : ui.state.me().loginName();
    expiredUser = user;
    ui.link.unbind();
    CompletableFuture.runAsync(w::close, ui.blocking);
    ui.mode = Console.Mode.LOGIN;
    LoginForm f = new LoginForm(h.rememberedAccount());
    if (user != null && f.account.length() > 0) {
      f.username.append(user);
      f.field = LoginForm.PASSWORD;
    }
    ui.login = f;
    boolean kept = unsent() > 0 || !ui.model.composer().text().isEmpty();
    ui.info(ui.text.get(kept ? "status.expiredKept" : "status.expired"));
  }

  /** Who was logged in when the session expired: the same user picks up where it was. */
  private String expiredUser;

  private void startLogoutKeepingNothing() {
    List<Conversation> mine = ui.myOpen();
    if (mine.isEmpty()) {
      logoutNow();
      return;
    }
    ui.push(new Overlay.Menu(ui.text.get("logout.title", mine.size()), List.of(
        Overlay.Item.of('r', ui.text.get("logout.returnAll"), this::returnMineThenLogout),
        Overlay.Item.of('l', ui.text.get("logout.anyway"), this::logoutNow),
        Overlay.Item.of('c', ui.text.get("logout.cancel"), () -> {})), false));
  }

  /** Core's one "return mine, then log out" (as {@code lpa logout --return-all}); what failed stays marked. */
  private void returnMineThenLogout() {
    BulkPlan plan = ReturnMine.plan(ui.state, ui.now());
    ui.info(ui.text.get("status.bulkRunning", plan.targets().size()));
    CompletableFuture<ReturnMine.Outcome> f;
    try {
      f = ReturnMine.thenLogOut(ui.ws, plan, () -> {
        ui.post(this::logoutNow);
        return CompletableFuture.completedFuture(null);
      });
    } catch (RuntimeException e) {
      ui.error(e);
      return;
    }
    f.whenComplete((o, err) -> ui.post(() -> {
      if (err != null) {
        ui.error(err);
      } else if (!o.followedUp()) {
        for (BulkResult.ItemResult i : o.returned().items()) {
          if (i.outcome() == BulkResult.Outcome.FAILED) {
            ui.model.markFailed(i.conversationId(), i.detail());
          }
        }
        ui.model.error(ui.text.get("status.logoutBlocked", o.failed()), ui.now());
      }
    }));
  }

  void logoutNow() {
    Workspace w = ui.ws;
    LoginHandler h = ui.opts.login();
    ui.info(ui.text.get("status.loggingOut"));
    ui.link.unbind();
    CompletableFuture.runAsync(() -> {
      try {
        if (h != null) {
          h.logout(w);
        }
      } finally {
        w.close();
      }
    }, ui.blocking).whenComplete((v, err) -> ui.post(() -> {
      ui.ws = null;
      ui.state = null;
      ui.model.reset();
      ui.previous.clear();
      
      if (err != null) {
        ui.error(err);
      }
      if (h != null) {
        ui.mode = Console.Mode.LOGIN;
        ui.login = new LoginForm(h.rememberedAccount());
        if (err == null) {
          ui.info(ui.text.get("status.loggedOut"));
        }
      } else {
        ui.quit();
      }
    }));
  }

  /** The login form takes every key. */
  @Override
  public boolean handle(KeyStroke k) {
    loginKey(k);
    return true;
  }

  void loginKey(KeyStroke k) {
    LoginForm f = ui.login;
    if (f.busy) {
      return;
    }
    Action a = ui.keymap.action(Context.LOGIN, k);
    if (a == Action.NEXT_FIELD) {
      f.field = (f.field + 1) % LoginForm.FIELDS;
    } else if (a == Action.PREV_FIELD) {
      f.field = Math.floorMod(f.field - 1, LoginForm.FIELDS);
    } else if (a == Action.QUIT) {
      ui.quit();
    } else if (a == Action.DELETE_BACK) {
      f.backspace();
    } else if (a == Action.SSO || (f.field == LoginForm.SSO && a == Action.SUBMIT)) {
      submitLogin(true);
    } else if (a == Action.SUBMIT) {
      if (f.field == LoginForm.REMEMBER) {
        f.remember = !f.remember;
      } else if (f.field < LoginForm.PASSWORD && !f.complete()) {
        f.field++;
      } else {
        submitLogin(false);
      }
    } else if (k.getKeyType() == KeyType.Character && !k.isCtrlDown()) {
      if (f.field == LoginForm.REMEMBER && k.getCharacter() == ' ') {
        f.remember = !f.remember;
      } else {
        f.type(k.getCharacter());
      }
    }
  }

  void submitLogin(boolean sso) {
    LoginForm f = ui.login;
    LoginHandler h = ui.opts.login();
    if (sso ? f.account.length() == 0 : !f.complete()) {
      f.error = ui.text.get("login.incomplete");
      return;
    }
    f.busy = true;
    f.error = null;
    String account = f.account.toString();
    String user = f.username.toString();
    char[] password = sso ? null : f.takePassword();
    boolean remember = f.remember;
    CompletableFuture.supplyAsync(() -> {
      try {
        return sso ? h.loginSso(account, remember, uri -> ui.post(() -> openSignIn(f, uri)))
            : h.login(account, user, password, remember);
      } finally {
        if (password != null) {
          Arrays.fill(password, '\0');
        }
      }
    }, ui.blocking).whenComplete((w, err) -> ui.post(() -> {
      f.busy = false;
      f.address = null;
      if (err != null) {
        LpaException e = LpaException.from(err);
        f.error = e.kind() == LpaException.Kind.NOT_LOGGED_IN
            ? ui.text.get("login.badCredentials")
            : ui.text.get("login.serverError", SafeText.line(e.getMessage()));
        f.field = sso ? LoginForm.SSO : LoginForm.PASSWORD;
      } else {
        ui.mode = Console.Mode.MAIN;
        ui.login = null;
        boolean sameUser = expiredUser != null && w.state().me() != null
            && expiredUser.equalsIgnoreCase(w.state().me().loginName());
        if (expiredUser != null && !sameUser) {
          ui.model.reset(); // another user: nothing of the previous screen applies
        }
        if (!sameUser) {
          ui.model.focusList();
        }
        expiredUser = null;
        ui.link.bind(w, true);
      }
    }));
  }
}
