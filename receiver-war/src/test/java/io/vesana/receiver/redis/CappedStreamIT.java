package io.vesana.receiver.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The stream adapter against a real redis-server of its own (a child process, so its maxmemory can
 * be filled without touching the shared Redis): cap, OOM with noeviction, NOSCRIPT, unreachable.
 * Not in the container: the managed Payara Micro of ReceiverIT shares one Redis URL for all its
 * tests, so Redis OOM is proven here, on the adapter, and mapped to 503 by StreamRefusedMapper.
 */
class CappedStreamIT {

  static final String REDIS_SERVER = "/usr/bin/redis-server";
  static final List<String> ENTRY = List.of("v", "1", "kind", "heartbeat", "body", "{}");

  Process server;
  JedisPooled redis;

  @BeforeEach
  void startRedis() throws Exception {
    assumeTrue(
        new File(REDIS_SERVER).canExecute(),
        REDIS_SERVER + " is not installed: the Redis OOM test needs a redis-server of its own");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server =
        new ProcessBuilder(
                REDIS_SERVER,
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--maxmemory",
                "0",
                "--maxmemory-policy",
                "noeviction",
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    redis = new JedisPooled("127.0.0.1", port);
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      try {
        redis.ping();
        break;
      } catch (RuntimeException e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  @AfterEach
  void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
  }

  @Test
  void refusesWhenTheStreamIsAtItsCapAndAcceptsAgainWhenDrained() {
    CappedStream stream = new CappedStream(redis, "it:ingest", 3);
    for (int i = 0; i < 3; i++) {
      assertThat(stream.add(ENTRY)).matches("\\d+-\\d+");
    }
    StreamRefusedException e =
        catchThrowableOfType(StreamRefusedException.class, () -> stream.add(ENTRY));
    assertThat(e.reason()).isEqualTo(StreamRefusedException.Reason.FULL);
    assertThat(stream.length()).isEqualTo(3);
    redis.xtrim("it:ingest", 1, false);
    stream.add(ENTRY);
    assertThat(stream.length()).isEqualTo(2);
  }

  @Test
  void refusesWholeWhenRedisIsOutOfMemoryAndRecoversWhenMemoryFrees() {
    CappedStream stream = new CappedStream(redis, "it:ingest", 1_000_000);
    stream.add(ENTRY);
    // Fill ~1.3 MB, then put maxmemory half a megabyte below what is used: clearly over the
    // limit (right at the limit, freed query buffers make the state flicker).
    String filler = "x".repeat(64 * 1024);
    int fillers = 20;
    for (int i = 0; i < fillers; i++) {
      redis.set("filler:" + i, filler);
    }
    long used = usedMemory();
    redis.configSet("maxmemory", Long.toString(used - 512 * 1024));
    JedisDataException refused =
        catchThrowableOfType(JedisDataException.class, () -> redis.set("probe", "x"));
    assertThat(refused).isNotNull();
    assertThat(CappedStream.isOutOfMemory(refused)).as(refused.getMessage()).isTrue();

    StreamRefusedException e =
        catchThrowableOfType(StreamRefusedException.class, () -> stream.add(ENTRY));
    assertThat(e.reason()).isEqualTo(StreamRefusedException.Reason.OUT_OF_MEMORY);
    assertThat(stream.length()).isEqualTo(1);

    for (int i = 0; i < fillers; i++) {
      redis.del("filler:" + i);
    }
    stream.add(ENTRY);
    assertThat(stream.length()).isEqualTo(2);
  }

  private long usedMemory() {
    String info =
        new String(
            (byte[]) redis.sendCommand(Protocol.Command.INFO, "memory"), StandardCharsets.UTF_8);
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new AssertionError("no used_memory in INFO memory");
  }

  @Test
  void reloadsTheScriptAfterScriptFlush() {
    CappedStream stream = new CappedStream(redis, "it:ingest", 10);
    stream.add(ENTRY);
    redis.scriptFlush();
    stream.add(ENTRY);
    assertThat(stream.length()).isEqualTo(2);
  }

  @Test
  void unreachableRedisIsUnavailableNotAnError() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (JedisPooled nowhere =
        new JedisPooled(
            new HostAndPort("127.0.0.1", closedPort),
            DefaultJedisClientConfig.builder().timeoutMillis(500).build())) {
      StreamRefusedException e =
          catchThrowableOfType(
              StreamRefusedException.class,
              () -> new CappedStream(nowhere, "it:ingest", 10).add(ENTRY));
      assertThat(e.reason()).isEqualTo(StreamRefusedException.Reason.UNAVAILABLE);
    }
  }
}
