package dev.lpa.core.store;

/** One stored messaging event of a dialog, as JSON; unique by dialog id and sequence. */
public record StoredMessage(String dialogId, long sequence, String json) {}
