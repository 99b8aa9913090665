package dev.lpa.core.workspace;

import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Dialog;
import dev.lpa.core.sla.Sla;
import java.time.Instant;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;
import org.pcollections.PSortedSet;
import org.pcollections.TreePSet;

/**
 * The conversations of a snapshot with the indexes the reducer needs, all persistent: adding,
 * replacing or removing one conversation costs O(log n) and shares the rest with the previous
 * index. Iteration follows {@link Sla#ORDER}, which depends on no clock, so the list never has to
 * be sorted again.
 */
public final class ConversationIndex {
  /** Due time, then id; a null id stands for "after every conversation due at that instant". */
  private static final Comparator<Conversation> BY_DUE = Comparator.comparing(Conversation::effectiveTtr)
      .thenComparing(Conversation::id, Comparator.nullsLast(Comparator.naturalOrder()));
  private static final Comparator<Conversation> BY_END = Comparator.comparing(Conversation::ended)
      .thenComparing(Conversation::id, Comparator.nullsLast(Comparator.naturalOrder()));

  static final ConversationIndex EMPTY = new ConversationIndex(HashTreePMap.empty(), HashTreePMap.empty(),
      HashTreePMap.empty(), TreePSet.empty(Sla.ORDER), TreePSet.empty(BY_DUE), TreePSet.empty(BY_END));

  private final PMap<String, Conversation> byId;
  private final PMap<String, PSet<String>> byConsumer;
  private final PMap<String, String> byDialog;
  private final PSortedSet<Conversation> ordered;
  private final PSortedSet<Conversation> due;
  private final PSortedSet<Conversation> closed;
  private final Map<String, Conversation> view = new View();

  private ConversationIndex(PMap<String, Conversation> byId, PMap<String, PSet<String>> byConsumer,
      PMap<String, String> byDialog, PSortedSet<Conversation> ordered, PSortedSet<Conversation> due,
      PSortedSet<Conversation> closed) {
    this.byId = byId;
    this.byConsumer = byConsumer;
    this.byDialog = byDialog;
    this.ordered = ordered;
    this.due = due;
    this.closed = closed;
  }

  /** Builds the index of a plain map (the compatibility constructors of WorkspaceState): O(n log n). */
  static ConversationIndex of(Map<String, Conversation> all) {
    if (all instanceof View v) {
      return v.owner();
    }
    ConversationIndex ix = EMPTY;
    for (Conversation c : all.values()) {
      ix = ix.with(c);
    }
    return ix;
  }

  public Conversation get(String id) {
    return id == null ? null : byId.get(id);
  }

  public boolean contains(String id) {
    return id != null && byId.containsKey(id);
  }

  public int size() {
    return byId.size();
  }

  /** The same index with {@code c} added or replacing the conversation of its id. */
  public ConversationIndex with(Conversation c) {
    Conversation old = byId.get(c.id());
    if (old == c || c.equals(old)) {
      return this;
    }
    if (old != null && java.util.Objects.equals(consumerOf(old), consumerOf(c)) && sameDialogIds(old, c)) {
      // its own fields changed (a message, its unread count, the due time), not who or which
      // dialogs: the consumer and dialog indexes stay as they are
      PSortedSet<Conversation> d = isDue(old) ? due.minus(old) : due;
      PSortedSet<Conversation> e = isClosed(old) ? closed.minus(old) : closed;
      return new ConversationIndex(byId.plus(c.id(), c), byConsumer, byDialog, ordered.minus(old).plus(c),
          isDue(c) ? d.plus(c) : d, isClosed(c) ? e.plus(c) : e);
    }
    ConversationIndex base = old == null ? this : without(c.id());
    PMap<String, PSet<String>> cons = base.byConsumer;
    String consumer = consumerOf(c);
    if (consumer != null) {
      cons = cons.plus(consumer, cons.getOrDefault(consumer, HashTreePSet.empty()).plus(c.id()));
    }
    PMap<String, String> dialogs = base.byDialog;
    for (Dialog d : c.dialogs()) {
      if (d.id() != null && !d.id().equals(c.id())) {
        dialogs = dialogs.plus(d.id(), c.id());
      }
    }
    return new ConversationIndex(base.byId.plus(c.id(), c), cons, dialogs, base.ordered.plus(c),
        isDue(c) ? base.due.plus(c) : base.due, isClosed(c) ? base.closed.plus(c) : base.closed);
  }

  /** The same index without the conversation {@code id} (itself when there is none). */
  public ConversationIndex without(String id) {
    Conversation old = get(id);
    if (old == null) {
      return this;
    }
    PMap<String, PSet<String>> cons = byConsumer;
    String consumer = consumerOf(old);
    if (consumer != null) {
      PSet<String> left = cons.getOrDefault(consumer, HashTreePSet.empty()).minus(id);
      cons = left.isEmpty() ? cons.minus(consumer) : cons.plus(consumer, left);
    }
    PMap<String, String> dialogs = byDialog;
    for (Dialog d : old.dialogs()) {
      if (d.id() != null && id.equals(dialogs.get(d.id()))) {
        dialogs = dialogs.minus(d.id());
      }
    }
    return new ConversationIndex(byId.minus(id), cons, dialogs, ordered.minus(old),
        isDue(old) ? due.minus(old) : due, isClosed(old) ? closed.minus(old) : closed);
  }

  /** The conversation a dialog belongs to (a main dialog's id is its conversation's), null if unknown. */
  public String conversationOfDialog(String dialogId) {
    if (dialogId == null) {
      return null;
    }
    if (byId.containsKey(dialogId)) {
      return dialogId;
    }
    return byDialog.get(dialogId);
  }

  /** Ids of the conversations of one consumer. */
  public Set<String> ofConsumer(String consumerId) {
    return consumerId == null ? Set.of() : byConsumer.getOrDefault(consumerId, HashTreePSet.empty());
  }

  /** Open conversations whose due time lies in (since, until], earliest first. */
  public Collection<Conversation> dueBetween(Instant since, Instant until) {
    if (!until.isAfter(since)) {
      return List.of();
    }
    return due.subSet(probeDue(since), false, probeDue(until), true);
  }

  /** Closed conversations that ended before {@code horizon}. */
  public Collection<Conversation> endedBefore(Instant horizon) {
    return closed.headSet(probeEnd(horizon.minusNanos(1)), true);
  }

  /** Every conversation in {@link Sla#ORDER}. */
  public PSortedSet<Conversation> ordered() {
    return ordered;
  }

  /** A read-only map view by id whose iteration follows {@link Sla#ORDER}. */
  public Map<String, Conversation> asMap() {
    return view;
  }

  boolean sameAs(ConversationIndex o) {
    return byId == o.byId;
  }

  /** Whether the two have the same dialogs as the dialog index records them. */
  private static boolean sameDialogIds(Conversation a, Conversation b) {
    if (a.dialogs() == b.dialogs()) {
      return true;
    }
    if (a.dialogs().size() != b.dialogs().size()) {
      return false;
    }
    for (int i = 0; i < a.dialogs().size(); i++) {
      if (!java.util.Objects.equals(a.dialogs().get(i).id(), b.dialogs().get(i).id())) {
        return false;
      }
    }
    return true;
  }

  private static String consumerOf(Conversation c) {
    return c.consumer() == null ? null : c.consumer().id();
  }

  private static boolean isDue(Conversation c) {
    return c.open() && c.effectiveTtr() != null;
  }

  private static boolean isClosed(Conversation c) {
    return !c.open() && c.ended() != null;
  }

  private static Conversation probeDue(Instant at) {
    return new Conversation(null, null, null, null, "OPEN", null, null, null, at, null, List.of(), List.of(), null, 0,
        null, null, null, null);
  }

  private static Conversation probeEnd(Instant at) {
    return new Conversation(null, null, null, null, "CLOSE", null, at, null, null, null, List.of(), List.of(), null, 0,
        null, null, null, null);
  }

  /** The map readers get: lookups by id, iteration in list order (see {@link Sla#listOrder}). */
  private final class View extends AbstractMap<String, Conversation> {
    ConversationIndex owner() {
      return ConversationIndex.this;
    }

    @Override
    public Conversation get(Object key) {
      return key instanceof String s ? byId.get(s) : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String s && byId.containsKey(s);
    }

    @Override
    public int size() {
      return byId.size();
    }

    @Override
    public Set<Entry<String, Conversation>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Conversation>> iterator() {
          Iterator<Conversation> it = ordered.iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public Entry<String, Conversation> next() {
              Conversation c = it.next();
              return new SimpleImmutableEntry<>(c.id(), c);
            }
          };
        }

        @Override
        public int size() {
          return byId.size();
        }
      };
    }

    @Override
    public Set<String> keySet() {
      return byId.keySet();
    }

    @Override
    public Collection<Conversation> values() {
      return new Ordered();
    }
  }

  /** The values in {@link Sla#ORDER}: {@link Sla#listOrder} recognises them and does not sort. */
  private final class Ordered extends AbstractCollection<Conversation> implements Sla.InOrder {
    @Override
    public Iterator<Conversation> iterator() {
      return ordered.iterator();
    }

    @Override
    public int size() {
      return ordered.size();
    }
  }
}
