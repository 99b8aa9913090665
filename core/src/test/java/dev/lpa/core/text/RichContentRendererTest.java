package dev.lpa.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RichContentRendererTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static List<String> render(String json) throws Exception {
    return RichContentRenderer.render(JSON.readTree(json.replace('\'', '"')));
  }

  @Test
  void verticalCardWithTextImageAndButtons() throws Exception {
    assertThat(render("""
        {'type':'RichContentEvent','content':{'type':'vertical','elements':[
          {'type':'image','url':'https://shop.example/p.png','caption':'Blue shoes','tooltip':'shoes'},
          {'type':'text','text':'Size 42\\nIn stock','style':{'bold':true}},
          {'type':'button','title':'Buy','click':{'actions':[{'type':'link','uri':'https://shop.example/buy'}]}},
          {'type':'button','title':'Ask','click':{'actions':[{'type':'publishText','text':'ask'}],
             'metadata':[{'type':'ExternalId','id':'ask-1'}]}},
          {'type':'map','la':64.1,'lo':-21.9,'click':{'actions':[{'type':'navigate','la':64.1,'lo':-21.9}]}}
        ]}}""")).containsExactly(
        "[image] Blue shoes <https://shop.example/p.png>",
        "Size 42",
        "In stock",
        "[ Buy ] -> https://shop.example/buy",
        "[ Ask ]",
        "[map] 64.1, -21.9");
  }

  @Test
  void horizontalRowOfButtonsIsOneLine() throws Exception {
    assertThat(render("""
        {'type':'vertical','elements':[{'type':'text','text':'Pick one'},
          {'type':'horizontal','elements':[{'type':'button','title':'Yes'},{'type':'button','title':'No'}]}]}"""))
        .containsExactly("Pick one", "[ Yes ]  [ No ]");
  }

  @Test
  void horizontalWithMultiLineChildrenStacks() throws Exception {
    assertThat(render("""
        {'type':'horizontal','elements':[{'type':'text','text':'a\\nb'},{'type':'button','title':'Go'}]}"""))
        .containsExactly("a", "b", "[ Go ]");
  }

  @Test
  void carouselCardsAreSeparatedAndNumbered() throws Exception {
    assertThat(render("""
        {'type':'RichContentEvent','content':{'type':'carousel','padding':10,'elements':[
          {'type':'vertical','elements':[{'type':'text','text':'Plan A'},{'type':'button','title':'Choose A'}]},
          {'type':'vertical','elements':[{'type':'text','text':'Plan B'},{'type':'button','title':'Choose B'}]}]}}"""))
        .containsExactly(
            "--- card 1 of 2 ---", "Plan A", "[ Choose A ]",
            "--- card 2 of 2 ---", "Plan B", "[ Choose B ]");
  }

  @Test
  void quickRepliesOnATextMessage() throws Exception {
    assertThat(render("""
        {'type':'ContentEvent','contentType':'text/plain','message':'How was it?',
         'quickReplies':{'type':'quickReplies','itemsPerRow':8,'replies':[
           {'type':'button','title':'Yes','click':{'actions':[{'type':'publishText','text':'yes'}]}},
           {'type':'button','title':'No','click':{'actions':[{'type':'publishText','text':'no'}]}}]}}"""))
        .containsExactly("How was it?", "Quick replies: (Yes) (No)");
  }

  @Test
  void quickRepliesOnARichEventFollowTheCard() throws Exception {
    assertThat(render("""
        {'type':'RichContentEvent','content':{'type':'vertical','elements':[{'type':'text','text':'Hi'}]},
         'quickReplies':{'type':'quickReplies','replies':[{'type':'button','title':'Menu'}]}}"""))
        .containsExactly("Hi", "Quick replies: (Menu)");
  }

  @Test
  void theSchemasMessageFieldIsAFallbackForContent() throws Exception {
    assertThat(render("{'type':'RichContentEvent','message':{'type':'text','text':'from message'}}"))
        .containsExactly("from message");
  }

  @Test
  void historyDeliversContentAsAJsonString() {
    String history = "{\"type\":\"vertical\",\"elements\":[{\"type\":\"button\",\"title\":\"Track\"}]}";
    assertThat(RichContentRenderer.render(history)).containsExactly("[ Track ]");
    assertThat(RichContentRenderer.render(new ObjectMapper().getNodeFactory().textNode(history)))
        .containsExactly("[ Track ]");
    assertThat(RichContentRenderer.render("just words")).containsExactly("just words");
  }

  @Test
  void checklistListRendersTitlesBoxesAndSubmit() throws Exception {
    assertThat(render("""
        {'type':'list','elements':[
          {'type':'sectionList','elements':[
            {'type':'section','sectionID':'s1','elements':[
              {'type':'text','text':'Channels'},
              {'type':'checklist','elements':[
                {'type':'checkbox','text':'WhatsApp','click':{'actions':[{'type':'checked','publishText':'WhatsApp'}]}},
                {'type':'checkbox','text':'SMS'}]}]}]},
          {'type':'buttonList','elements':[
            {'type':'submitButton','title':'Submit','click':{'actions':[{'type':'submitAsText','submit':true}]}}]}]}"""))
        .containsExactly("Channels", "[ ] WhatsApp", "[ ] SMS", "[ Submit ]");
  }

  @Test
  void imageWithoutCaptionAndLinkPreview() throws Exception {
    assertThat(render("{'type':'image','url':'https://x.example/a.png'}"))
        .containsExactly("[image] <https://x.example/a.png>");
    assertThat(render("{'type':'linkPreview','url':'https://x.example','title':'Example'}"))
        .containsExactly("[link] Example <https://x.example>");
  }

  @Test
  void quickReplyTemplate() throws Exception {
    assertThat(render("{'type':'template','templateType':'quickReply','title':'Rate us','resp':['1','2','3']}"))
        .containsExactly("Rate us", "Quick replies: (1) (2) (3)");
  }

  @Test
  void unknownContentIsShownAsPrettyJson() throws Exception {
    List<String> lines = render("{'type':'timePicker','slots':[{'start':1}]}");
    assertThat(lines).first().isEqualTo("{");
    assertThat(String.join("\n", lines)).contains("\"type\" : \"timePicker\"").contains("\"start\" : 1");
  }

  @Test
  void untrustedStringsAreMadeSafe() throws Exception {
    String evil = "{\"type\":\"vertical\",\"elements\":["
        + "{\"type\":\"text\",\"text\":\"hi\\u001b]0;pwned\\u0007 there\\u202e\"},"
        + "{\"type\":\"button\",\"title\":\"\\u001b[2Jclear\",\"click\":{\"actions\":[{\"type\":\"link\",\"uri\":\"https://e\\u001b[31m.example\"}]}},"
        + "{\"type\":\"image\",\"url\":\"u\",\"caption\":\"c\\u0007\\u009b1m\"}],"
        + "\"x\":1}";
    List<String> lines = RichContentRenderer.render(evil);
    assertThat(lines).containsExactly("hi there", "[ clear ] -> https://e.example", "[image] c\uFFFD <u>");
    for (String l : lines) {
      assertThat(l.chars()).noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x202e);
    }
  }

  @Test
  void unknownJsonWithControlsIsSafeToo() {
    List<String> lines = RichContentRenderer.render("{\"type\":\"weird\",\"v\":\"\\u001b[31mred\"}");
    assertThat(String.join("\n", lines)).doesNotContain("\u001b");
  }

  @Test
  void deepNestingStopsWithAMarker() {
    String deep = "{\"type\":\"vertical\",\"elements\":[".repeat(60) + "{\"type\":\"text\",\"text\":\"x\"}"
        + "]}".repeat(60);
    assertThat(RichContentRenderer.render(deep)).containsExactly("[… nested too deep]");
  }

  @Test
  void emptyInputsGiveNoLines() {
    assertThat(RichContentRenderer.render((String) null)).isEmpty();
    assertThat(RichContentRenderer.render("  ")).isEmpty();
    assertThat(RichContentRenderer.render((com.fasterxml.jackson.databind.JsonNode) null)).isEmpty();
  }

  @Test
  void contentNestedAsAStringInsideAnEvent() throws Exception {
    String inner = "{\"type\":\"vertical\",\"elements\":[{\"type\":\"text\",\"text\":\"from history\"}]}";
    com.fasterxml.jackson.databind.node.ObjectNode event = JSON.createObjectNode();
    event.put("type", "RichContentEvent");
    event.put("content", inner);
    event.put("quickReplies", "{\"type\":\"quickReplies\",\"replies\":[{\"type\":\"button\",\"title\":\"Ok\"}]}");
    assertThat(RichContentRenderer.render(event)).containsExactly("from history", "Quick replies: (Ok)");
  }

  @Test
  void aHostedFileEventShowsAsAPhoto() throws Exception {
    assertThat(render("{'type':'ContentEvent','contentType':'hosted/file','message':{'caption':'receipt',"
        + "'relativePath':'/v1/x.png','fileType':'PNG'}}")).containsExactly("[photo] receipt");
    assertThat(render("{'type':'ContentEvent','contentType':'hosted/file','message':{'caption':'',"
        + "'relativePath':'/v1/x.png','fileType':'PNG'}}")).containsExactly("[photo]");
  }
}
