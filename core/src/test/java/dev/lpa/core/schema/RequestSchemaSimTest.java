package dev.lpa.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.LpaException;
import dev.lpa.core.SimFixture;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Message;
import dev.lpa.core.workspace.DefaultWorkspace;
import dev.lpa.core.workspace.WorkspaceState;
import dev.lpa.sim.DemoAccount;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator as the arbiter: with LivePerson's published schemas judging every agent request
 * it receives, the client's requests of a working day all pass, and for each request type the
 * client sends, removing any field the schema requires is refused with 400.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestSchemaSimTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  SimFixture f;
  final SchemaValidator schemas = SchemaValidator.forSharedSchemas();

  @BeforeAll
  void start() throws Exception {
    f = new SimFixture(dir); // it has the simulator judge every request by the schemas
  }

  @AfterAll
  void stop() throws Exception {
    f.close();
  }

  static <T> T get(CompletableFuture<T> fut) throws Exception {
    return fut.get(15, TimeUnit.SECONDS);
  }

  private String accepted(DefaultWorkspace w, long skill, String consumer) throws Exception {
    String conv = f.admin().createConversation(skill, consumer, List.of("hello"));
    WorkspaceState s = SimFixture.await(w, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
    get(w.acceptRing(s.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId()));
    return conv;
  }

  @Test
  void everyRequestTheClientSendsPassesAndLosingARequiredFieldIsRefused() throws Exception {
    DefaultWorkspace w = f.open("agent1");
    get(w.setAgentState(AgentState.BACK_SOON));
    get(w.setAgentState(AgentState.ONLINE));
    String conv = accepted(w, DemoAccount.SKILL_BILLING, "Olivia Martin");
    get(w.sendText(conv, "hi, how can I help?"));
    get(w.markRead(conv));
    get(w.setTyping(conv, true));
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(img, "png", png);
    Path photo = Files.write(dir.resolve("p.png"), png.toByteArray());
    get(w.sendFile(conv, photo, "receipt"));
    get(w.loadMessages(conv));
    get(w.setUrgent(conv, true));
    get(w.setManualDueTime(conv, f.clock.instant().plusSeconds(3600)));
    get(w.transferToSkill(conv, String.valueOf(DemoAccount.SKILL_GENERAL), "over to you"));
    String conv2 = accepted(w, DemoAccount.SKILL_SALES, "Kenji Watanabe");
    get(w.returnToQueue(conv2));
    String conv3 = accepted(w, DemoAccount.SKILL_BILLING, "Fatima Zahra");
    get(w.close(conv3));
    DefaultWorkspace m = f.open("manager1");
    String conv4 = accepted(w, DemoAccount.SKILL_SALES, "Noah Thompson");
    SimFixture.await(m, st -> st.conversations().containsKey(conv4));
    get(m.join(conv4, false));
    get(m.sendText(conv4, "manager here"));
    get(m.leave(conv4));

    // one request of each type the client sent, all accepted by the schema-judging simulator
    Map<String, ObjectNode> byType = new TreeMap<>();
    for (String fr : List.copyOf(f.frames)) {
      JsonNode n = JSON.readTree(fr);
      if ("req".equals(n.path("kind").asText()) && schemas.validate(fr).hasSchema()) {
        byType.putIfAbsent(n.path("type").asText(), (ObjectNode) n);
      }
    }
    assertThat(f.frameProblems()).isEmpty();
    assertThat(byType.keySet()).contains(".ams.routing.SetAgentState", ".ams.aam.SubscribeExConversations",
        ".ams.routing.SubscribeRoutingTasks", ".ams.routing.UpdateRingState", ".ams.ms.PublishEvent",
        ".ams.cm.UpdateConversationField", ".ams.ms.GenerateURLForUploadFile", ".ams.ms.QueryMessages");

    Map<String, List<String>> refused = new LinkedHashMap<>();
    for (Map.Entry<String, ObjectNode> e : byType.entrySet()) {
      ObjectNode frame = e.getValue();
      for (String path : fieldPaths(frame.path("body"), "")) {
        ObjectNode without = frame.deepCopy();
        remove(without.get("body"), path);
        if (schemas.validate(JSON.writeValueAsString(without)).valid()) {
          continue; // an optional field
        }
        LpaException x = refusal(w, frame.path("type").asText(), without.get("body"));
        assertThat(x).as(e.getKey() + " without " + path + " must be refused").isNotNull();
        assertThat(x.status()).as(e.getKey() + " without " + path).isEqualTo(400);
        refused.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(path);
      }
    }
    assertThat(refused).as("required fields whose removal the simulator refused")
        .containsKeys(".ams.routing.SetAgentState", ".ams.ms.PublishEvent", ".ams.routing.UpdateRingState",
            ".ams.cm.UpdateConversationField", ".ams.ms.GenerateURLForUploadFile");
    assertThat(refused.get(".ams.ms.GenerateURLForUploadFile")).contains("fileSize", "fileType");
    System.out.println("required fields refused when missing: " + refused);
  }

  private static LpaException refusal(DefaultWorkspace w, String type, JsonNode body) throws Exception {
    try {
      w.socket().request(type, body).get(15, TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException ex) {
      return LpaException.from(ex);
    }
  }

  /** Dotted paths of every field: object members, and members of the first element of arrays. */
  static List<String> fieldPaths(JsonNode n, String prefix) {
    List<String> out = new ArrayList<>();
    if (n.isObject()) {
      n.fieldNames().forEachRemaining(k -> {
        String p = prefix.isEmpty() ? k : prefix + "." + k;
        out.add(p);
        out.addAll(fieldPaths(n.get(k), p));
      });
    } else if (n.isArray() && n.size() > 0 && n.get(0).isObject()) {
      out.addAll(fieldPaths(n.get(0), prefix + "[0]"));
    }
    return out;
  }

  static void remove(JsonNode root, String path) {
    JsonNode parent = root;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      parent = step(parent, parts[i]);
    }
    String last = parts[parts.length - 1];
    if (last.endsWith("[0]")) {
      ((ArrayNode) ((ObjectNode) parent).get(last.substring(0, last.length() - 3))).remove(0);
    } else {
      ((ObjectNode) parent).remove(last);
    }
  }

  private static JsonNode step(JsonNode n, String part) {
    if (part.endsWith("[0]")) {
      return n.get(part.substring(0, part.length() - 3)).get(0);
    }
    return n.get(part);
  }
}
