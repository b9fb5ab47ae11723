package io.cephsmb.gateway.server;

import java.util.function.Consumer;

/** Starts servers on 127.0.0.1 and a free port with one user and a few shares. */
final class TestServers {
  static final String USER = "alice";
  static final String PASSWORD = "Secret-123";

  private TestServers() {}

  /** The users of every test server. */
  static InMemoryUserDirectory users() {
    return new InMemoryUserDirectory()
        .add(USER, PASSWORD)
        .add("bob", "Bobs-Password")
        .add("guest", "");
  }

  /** The shares: "share", a read-only "ro" and an encrypted "secure". */
  static InMemoryShareRegistry shares() {
    return new InMemoryShareRegistry()
        .add(ShareDefinition.of("share", "/share"))
        .add(new ShareDefinition("ro", "/ro", "read-only", true, false, false))
        .add(new ShareDefinition("secure", "/secure", "encrypted", false, true, false));
  }

  /** A server with the default config changed by {@code tweak}. */
  static SmbServer start(Consumer<SmbServerConfig.Builder> tweak) throws InterruptedException {
    SmbServerConfig.Builder b = SmbServerConfig.builder().bindAddress("127.0.0.1").port(0);
    tweak.accept(b);
    return SmbServer.start(b.build(), users(), shares());
  }
}
