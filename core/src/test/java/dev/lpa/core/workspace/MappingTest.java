package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.LpaException;
import dev.lpa.core.internal.Http;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Participant;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Session;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** Wire JSON to model records, thumbnails, and error bodies: the lenient edges, without a server. */
class MappingTest {
  static final Session ME = new Session("p", "123", "agent1", "123.1001", "pid-me", "Maya", false, null);

  @Test
  void aTransferToAnAgentShowsTheTargetAsSuggestedAndACallDialogKeepsItsMetadata() {
    ObjectNode r = Json.obj().put("convId", "c1").put("effectiveTTR", -1);
    ObjectNode d = r.putObject("conversationDetails").put("skillId", "1001").put("state", "OPEN");
    d.putObject("participants").putArray("CONSUMER").add("cons");
    ((ObjectNode) d.get("participants")).putArray("ASSIGNED_AGENT").add("123.1001");
    d.putObject("participantsPId").putArray("CONSUMER").add("cons");
    ((ObjectNode) d.get("participantsPId")).putArray("ASSIGNED_AGENT").add("pid-me");
    ObjectNode main = d.putArray("dialogs").addObject().put("dialogId", "c1").put("dialogType", "MAIN");
    var pd = main.putArray("participantsDetails");
    pd.addObject().put("id", "cons").put("role", "CONSUMER").put("state", "ACTIVE");
    pd.addObject().put("id", "123.1002").put("role", "ASSIGNED_AGENT").put("state", "SUGGESTED");
    ObjectNode call = ((com.fasterxml.jackson.databind.node.ArrayNode) d.get("dialogs")).addObject()
        .put("dialogId", "call-1").put("dialogType", "OTHER").put("channelType", "COBROWSE").put("state", "OPEN");
    call.putArray("participants").add("cons").add("123.1001");
    call.putObject("metaData").put("mode", "VIDEO_CALL").put("sessionState", "INVITED").put("expires", 1.5e9);

    Conversation c = WireMapper.conversation(r, ME, null, Map.of("1001", "General"));
    assertThat(c.myRole()).isEqualTo(Role.ASSIGNED_AGENT);
    assertThat(c.skillName()).isEqualTo("General");
    assertThat(c.effectiveTtr()).isNull();
    assertThat(c.participants()).filteredOn(Participant::suggested).singleElement()
        .satisfies(p -> assertThat(p.id()).isEqualTo("123.1002"));
    assertThat(c.mainDialogId()).isEqualTo("c1");
    assertThat(c.dialogs().get(1).metaData()).containsEntry("mode", "VIDEO_CALL").containsEntry("sessionState", "INVITED");
    assertThat(c.dialogs().get(1).participants()).extracting(Participant::id).containsExactly("cons", "123.1001");
  }

  @Test
  void eventsOfEveryKind() {
    ObjectNode file = Json.obj().put("sequence", 3).put("dialogId", "c1").put("originatorId", "cons");
    file.putObject("originatorMetadata").put("role", "CONSUMER");
    file.putObject("event").put("type", "ContentEvent").put("contentType", "hosted/file")
        .putObject("message").put("relativePath", "/v1/x.png").put("fileType", "PNG").put("caption", "look");
    WireMapper.Event e = WireMapper.event(file, "c1", ME, "cons", "Olivia Martin");
    assertThat(e.message().sender()).isEqualTo(Message.Sender.CONSUMER);
    assertThat(e.message().senderName()).isEqualTo("Olivia Martin");
    assertThat(e.message().content()).isEqualTo(new Message.File("/v1/x.png", "PNG", "look", null));

    ObjectNode rich = Json.obj().put("sequence", 4).put("dialogId", "c1").put("originatorId", "123.1001")
        .put("originatorPId", "pid-me");
    rich.putObject("event").put("type", "RichContentEvent").putObject("content").put("type", "vertical")
        .putArray("elements").addObject().put("type", "text").put("text", "Pick one");
    Message m = WireMapper.event(rich, "c1", ME, "cons", null).message();
    assertThat(m.sender()).isEqualTo(Message.Sender.AGENT);
    assertThat(m.senderName()).isEqualTo("Maya");
    assertThat(m.content()).isInstanceOfSatisfying(Message.Rich.class, x -> assertThat(x.lines()).contains("Pick one"));

    ObjectNode qr = Json.obj().put("sequence", 5).put("dialogId", "c1").put("originatorId", "cons");
    qr.putObject("originatorMetadata").put("role", "CONSUMER");
    ObjectNode qe = qr.putObject("event").put("type", "ContentEvent").put("contentType", "text/plain").put("message", "Rate us");
    qe.putObject("quickReplies").put("type", "quickReplies").putArray("replies").addObject().put("type", "button")
        .put("title", "Great");
    assertThat(WireMapper.event(qr, "c1", ME, "cons", null).message().content())
        .isInstanceOfSatisfying(Message.Rich.class, x -> assertThat(x.lines().get(0)).isEqualTo("Rate us"));

    ObjectNode form = Json.obj().put("sequence", 6).put("dialogId", "c1").put("originatorId", "cons");
    form.putObject("originatorMetadata").put("role", "CONSUMER");
    form.putObject("event").put("type", "ContentEvent").put("contentType", "forms/secure-submission")
        .putObject("message").put("invitationId", "inv").put("submissionId", "sub");
    assertThat(WireMapper.event(form, "c1", ME, "cons", null).message().content())
        .isEqualTo(new Message.FormSubmission("inv", "sub"));

    ObjectNode typing = Json.obj().put("dialogId", "c1").put("originatorId", "cons");
    typing.putObject("event").put("type", "ChatStateEvent").put("chatState", "COMPOSING");
    assertThat(WireMapper.event(typing, "c1", ME, "cons", null).chatState().fromConsumer()).isTrue();
  }

  @Test
  void consumerProfilesFromTheRawProfileOrTheSdkSdeArray() {
    ObjectNode raw = Json.obj().put("firstName", "Olivia").put("lastName", "Martin").put("description", "sms");
    raw.putObject("privateData").put("mobileNum", "+15550100101").put("mail", "o@example.com");
    ConsumerProfile p = Profiles.consumer("cons", raw);
    assertThat(p.displayName()).isEqualTo("Olivia Martin");
    assertThat(p.phone()).isEqualTo("+15550100101");
    assertThat(p.email()).isEqualTo("o@example.com");

    var sdes = Json.arr();
    ObjectNode personal = sdes.addObject().put("type", "personal").putObject("personal").put("firstname", "Kenji")
        .put("lastname", "Watanabe");
    personal.putArray("contacts").addObject().put("email", "k@example.com");
    sdes.addObject().put("type", "ctmrinfo").putObject("info").put("imei", "+1555").put("customerId", "C-9");
    ConsumerProfile q = Profiles.consumer("c2", sdes);
    assertThat(q.displayName()).isEqualTo("Kenji Watanabe");
    assertThat(q.email()).isEqualTo("k@example.com");
    assertThat(q.phone()).isEqualTo("+1555");
    assertThat(q.extra()).containsEntry("customerId", "C-9");
  }

  static byte[] noisyPng(int w, int h) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(7);
    for (int x = 0; x < w; x++) {
      for (int y = 0; y < h; y++) {
        img.setRGB(x, y, r.nextInt(0xffffff));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  @Test
  void previewsStayUnderTheLimitEvenForNoise() throws Exception {
    byte[] png = noisyPng(1200, 900);
    assertThat(png.length).isGreaterThan(1_000_000);
    String preview = Thumbnails.preview(png, 30 * 1024);
    assertThat(preview).startsWith("data:image/jpeg;base64,");
    assertThat(preview.length()).isLessThanOrEqualTo(30 * 1024);
    assertThat(Thumbnails.fileType(Path.of("x.png"), png)).isEqualTo("PNG");
    assertThat(Thumbnails.preview("%PDF-1.4 ...".getBytes(), 30 * 1024)).isNull();
    assertThatThrownBy(() -> Thumbnails.fileType(Path.of("a.pdf"), "%PDF-1.4 ...".getBytes()))
        .as("not an upload type of GenerateURLForUploadFileBody").hasMessageContaining("JPG, PNG or GIF");
    assertThatThrownBy(() -> Thumbnails.fileType(Path.of("a.exe"), new byte[] {'M', 'Z', 0, 0, 0, 0, 0, 0, 0}))
        .isInstanceOf(LpaException.class);
  }

  @Test
  void errorBodiesInEveryShapeGiveOneLineAndTheRightKind() {
    assertThat(Http.reason("{\"error\":{\"message\":\"csrf mismatch\",\"internalCode\":10}}")).isEqualTo("csrf mismatch");
    assertThat(Http.reason("{\"reason\":\"expired\",\"message\":\"Not Authenticated\"}")).isEqualTo("Not Authenticated");
    assertThat(Http.reason("{\"error\":\"invalid_grant\",\"error_description\":\"x\"}")).isEqualTo("invalid_grant");
    assertThat(Http.reason("<html>Bad gateway</html>")).isEqualTo("<html>Bad gateway</html>");
    assertThat(Http.error(new Http.Result(401, new byte[0], Headers.of()), "x").kind())
        .isEqualTo(LpaException.Kind.NOT_LOGGED_IN);
    assertThat(Http.error(new Http.Result(403, "{\"message\":\"no\"}".getBytes(), Headers.of()), "x").getMessage())
        .isEqualTo("x: no");
    assertThat(Http.error(new Http.Result(404, new byte[0], Headers.of()), "x").kind()).isEqualTo(LpaException.Kind.NOT_FOUND);
    assertThat(Http.error(new Http.Result(400, new byte[0], Headers.of()), "x").kind()).isEqualTo(LpaException.Kind.INVALID);
  }
}
