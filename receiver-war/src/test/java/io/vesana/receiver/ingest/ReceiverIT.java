package io.vesana.receiver.ingest;

import static io.vesana.receiver.ingest.ItFixture.AGENT_TOKEN;
import static io.vesana.receiver.ingest.ItFixture.AUTOMATION_KEY;
import static io.vesana.receiver.ingest.ItFixture.COLLECTOR_KEY;
import static io.vesana.receiver.ingest.ItFixture.golden;
import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.contract.IngestStream;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The receiver WAR as built, on a managed Payara Micro, over real HTTP, against the real PostgreSQL
 * (credentials) and Redis (stream). The container runs with a stream cap of 5, a 1 s credential
 * cache and Retry-After 7 (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
class ReceiverIT {

  static final int CAP = 5;

  @ArquillianResource URL base;

  final HttpClient http = HttpClient.newHttpClient();

  @Deployment(testable = false)
  static WebArchive receiver() throws Exception {
    ItFixture.prepareDatabase();
    return ShrinkWrap.create(ZipImporter.class, "vesana-receiver.war")
        .importFrom(new File("target/vesana-receiver.war"))
        .as(WebArchive.class);
  }

  @BeforeEach
  void emptyStream() {
    try (JedisPooled redis = ItFixture.redis()) {
      redis.del(ItFixture.streamKey());
    }
  }

  HttpResponse<String> post(String path, Map<String, String> headers, HttpRequest.BodyPublisher b)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + "/v1/" + path))
            .timeout(Duration.ofSeconds(30))
            .POST(b);
    headers.forEach(r::header);
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String credentialHeader, String credential, String json)
      throws Exception {
    return post(
        path,
        Map.of(credentialHeader, credential, "Content-Type", "application/json"),
        HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
  }

  HttpResponse<String> asAgent(String path, String json) throws Exception {
    return post(path, "X-Agent-Token", AGENT_TOKEN, json);
  }

  long streamLength() {
    try (JedisPooled redis = ItFixture.redis()) {
      return redis.xlen(ItFixture.streamKey());
    }
  }

  List<StreamEntry> entries() {
    try (JedisPooled redis = ItFixture.redis()) {
      return redis.xrange(ItFixture.streamKey(), (StreamEntryID) null, (StreamEntryID) null);
    }
  }

  @Test
  void goldenSamplesAreAcceptedAsOneStreamEntryPerRequest() throws Exception {
    HttpResponse<String> batch = asAgent("results", golden("results-batch.json"));
    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(202);
    assertThat(batch.body()).startsWith("{\"accepted\":2,\"id\":\"");
    assertThat(asAgent("results", golden("result-single.json")).statusCode()).isEqualTo(202);
    assertThat(asAgent("heartbeat", golden("heartbeat.json")).statusCode()).isEqualTo(202);
    HttpResponse<String> discovery =
        post("discovery", "X-API-Key", COLLECTOR_KEY, golden("discovery.json"));
    assertThat(discovery.statusCode()).as(discovery.body()).isEqualTo(202);

    List<StreamEntry> entries = entries();
    assertThat(entries).hasSize(4);
    assertThat(batch.body()).contains(entries.get(0).getID().toString());
    String tenant = Long.toString(ItFixture.tenantId());
    List<String> kinds = new ArrayList<>();
    for (StreamEntry e : entries) {
      Map<String, String> f = e.getFields();
      assertThat(f)
          .containsKeys(
              IngestStream.F_VERSION,
              IngestStream.F_KIND,
              IngestStream.F_TENANT,
              IngestStream.F_SOURCE,
              IngestStream.F_CREDENTIAL,
              IngestStream.F_RECEIVED,
              IngestStream.F_BODY)
          .hasSize(7)
          .containsEntry(IngestStream.F_VERSION, IngestStream.FORMAT_VERSION)
          .containsEntry(IngestStream.F_TENANT, tenant);
      kinds.add(f.get(IngestStream.F_KIND) + "/" + f.get(IngestStream.F_SOURCE));
    }
    assertThat(kinds)
        .containsExactly(
            "results/agent", "results/agent", "heartbeat/agent", "discovery/collector");
    assertThat(entries.get(0).getFields().get(IngestStream.F_BODY))
        .startsWith("{\"results\":[{\"host\":\"web-01.example.net\",\"service\":\"disk /\"");
    assertThat(entries.get(1).getFields().get(IngestStream.F_BODY))
        .contains("\"host\":\"ups-3\"")
        .doesNotContain("\"v\"");
  }

  @Test
  void hostileBodiesGet4xxAndNeverReachTheStream() throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    for (String s :
        List.of(
            "",
            "garbage",
            "{\"v\":1,\"results\":[{\"host\":",
            "[1,2]",
            "\"string\"",
            "null",
            "{\"v\":1,\"results\":[]}",
            "{\"v\":1,\"results\":[{\"host\":\"h\",\"state\":NaN}]}",
            "{\"v\":1,\"v\":1,\"results\":[]}",
            "{\"v\":1,\"x\":" + "[".repeat(10_000),
            "{\"v\":1,\"host\":\"h\\u0000\",\"service\":\"s\",\"state\":0,\"output\":\"\",\"checked_at\":0}",
            "{\"v\":1,\"host\":\"h\",\"service\":\"s\",\"state\":1e400,\"output\":\"\\ud800\"}")) {
      bodies.add(s.getBytes(StandardCharsets.UTF_8));
    }
    bodies.add(new byte[] {'{', '"', 'v', '"', ':', (byte) 0xC3, (byte) 0x28, '}'});
    bodies.add(("\ufeff" + golden("result-single.json")).getBytes(StandardCharsets.UTF_8)); // BOM
    for (byte[] body : bodies) {
      HttpResponse<String> r =
          post(
              "results",
              Map.of("X-Agent-Token", AGENT_TOKEN, "Content-Type", "application/json"),
              HttpRequest.BodyPublishers.ofByteArray(body));
      assertThat(r.statusCode()).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(r.body()).contains("\"errors\":[{\"pointer\":");
    }
    assertThat(streamLength()).isZero();
  }

  @Test
  void oversizeBodiesGet413WithOrWithoutContentLength() throws Exception {
    byte[] huge = new byte[5 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) ' ');
    Map<String, String> h =
        Map.of("X-Agent-Token", AGENT_TOKEN, "Content-Type", "application/json");
    assertThat(post("results", h, HttpRequest.BodyPublishers.ofByteArray(huge)).statusCode())
        .isEqualTo(413);
    assertThat(chunkedPost("results", huge)).startsWith("HTTP/1.1 413 ");
    assertThat(streamLength()).isZero();
  }

  /**
   * A chunked POST over a plain socket, reading the answer while still sending: the JDK client
   * reads no response before its body is sent, and the receiver rightly stops reading at the limit.
   * Returns the status line.
   */
  String chunkedPost(String path, byte[] body) throws Exception {
    Socket socket = new Socket(base.getHost(), base.getPort());
    try {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String head =
          "POST "
              + base.getPath().replaceAll("/$", "")
              + "/v1/"
              + path
              + " HTTP/1.1\r\n"
              + "Host: "
              + base.getHost()
              + "\r\nX-Agent-Token: "
              + AGENT_TOKEN
              + "\r\n"
              + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (int off = 0; off < body.length; off += 65_536) {
                    int n = Math.min(65_536, body.length - off);
                    out.write(
                        (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, off, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                  }
                  out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException expected) {
                  // The receiver closed the connection after its 413: nothing more to send.
                }
              });
      writer.start();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String line = in.readLine();
      while (line != null && line.startsWith("HTTP/1.1 100")) {
        in.readLine(); // blank line after the interim response
        line = in.readLine();
      }
      socket.close(); // unblocks the writer if the receiver stopped reading
      writer.join(30_000);
      return String.valueOf(line);
    } finally {
      socket.close();
    }
  }

  @Test
  void wrongContentTypeGets415() throws Exception {
    for (String type : List.of("text/plain", "application/json; charset=ISO-8859-1", "*/*")) {
      HttpResponse<String> r =
          post(
              "results",
              Map.of("X-Agent-Token", AGENT_TOKEN, "Content-Type", type),
              HttpRequest.BodyPublishers.ofString(golden("result-single.json")));
      assertThat(r.statusCode()).as(type).isEqualTo(415);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
    assertThat(streamLength()).isZero();
  }

  @Test
  void credentialsAreCheckedWithoutSayingWhatWasWrong() throws Exception {
    String body = golden("result-single.json");
    List<HttpResponse<String>> refused =
        List.of(
            post(
                "results",
                Map.of("Content-Type", "application/json"),
                HttpRequest.BodyPublishers.ofString(body)),
            post("results", "X-Agent-Token", "vesana_agent_short", body),
            post("results", "X-Agent-Token", "vesana_agent_" + "Z".repeat(32), body),
            post("results", "X-API-Key", "no-such-key", body));
    for (HttpResponse<String> r : refused) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).isEqualTo(refused.get(0).body());
    }
    assertThat(
            post("discovery", "X-Agent-Token", AGENT_TOKEN, golden("discovery.json")).statusCode())
        .isEqualTo(403);
    assertThat(post("results", "X-API-Key", AUTOMATION_KEY, body).statusCode()).isEqualTo(403);
    assertThat(post("results", "X-API-Key", COLLECTOR_KEY, body).statusCode()).isEqualTo(202);
    assertThat(streamLength()).isOne();
  }

  @Test
  void aRevokedTokenStopsWorkingWithinSecondsThoughCachedForMinutes() throws Exception {
    String token = "vesana_agent_" + "r".repeat(26) + "-_0123";
    long id = ItFixture.insertAgentToken(ItFixture.tenantId(), token);
    String body = golden("heartbeat.json");
    assertThat(post("heartbeat", "X-Agent-Token", token, body).statusCode()).isEqualTo(202);
    ItFixture.revokeAgentToken(id);
    // Cached for up to 10 min here (arquillian.xml): only the tenant's cache generation, bumped by
    // the revocation and read every ~2 s, can end it. Poll (bounded) rather than assume timing.
    Instant deadline = Instant.now().plusSeconds(30);
    int status = 202;
    int accepted = 0;
    while (status == 202 && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      emptyStream(); // the stream is capped at 5 entries here; each accepted heartbeat is one
      status = post("heartbeat", "X-Agent-Token", token, body).statusCode();
      accepted += status == 202 ? 1 : 0;
    }
    assertThat(status).isEqualTo(401);
    // Still accepted for a while: the cache answered (no query per request) until the next read
    // of the tenant's cache generation, every ~2 s.
    assertThat(accepted).as("heartbeats accepted after the revocation").isLessThan(25);
  }

  @Test
  void aFullStreamGets503WithRetryAfterAndRecoversWhenDrained() throws Exception {
    for (int i = 0; i < CAP; i++) {
      assertThat(asAgent("heartbeat", golden("heartbeat.json")).statusCode()).isEqualTo(202);
    }
    HttpResponse<String> full = asAgent("results", golden("results-batch.json"));
    assertThat(full.statusCode()).isEqualTo(503);
    assertThat(full.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(full.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(streamLength()).isEqualTo(CAP);
    try (JedisPooled redis = ItFixture.redis()) {
      redis.xtrim(ItFixture.streamKey(), 0, false);
    }
    assertThat(asAgent("results", golden("results-batch.json")).statusCode()).isEqualTo(202);
    assertThat(streamLength()).isOne();
  }
}
