package dev.lpa.cli.support;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Creates commands with picocli's default factory, then hands them the context. */
public final class ContextFactory implements IFactory {
  private final IFactory fallback = CommandLine.defaultFactory();
  private final CliContext ctx;

  public ContextFactory(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    K k = fallback.create(cls);
    if (k instanceof LpaCommand c) {
      c.context(ctx);
    }
    return k;
  }
}
