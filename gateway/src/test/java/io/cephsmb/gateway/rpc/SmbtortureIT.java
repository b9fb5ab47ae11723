package io.cephsmb.gateway.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.testing.ClientProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Samba's smbtorture rpc.epmapper and rpc.srvsvc against our ports (smbtorture, unlike rpcclient,
 * honours the port in the binding string), NTLMSSP at connect, sign and seal. Every test must pass
 * except those in {@code smbtorture-knownfail.txt}, and those must still fail (the list only
 * shrinks). The endpoint mapper runs on a free port here.
 */
class SmbtortureIT {
  static ExecutorService lookups;
  static RpcServices services;
  static Path smbConf;
  static Set<String> knownFail;

  @BeforeAll
  static void start() throws Exception {
    lookups = Executors.newSingleThreadExecutor();
    services = RpcTestServices.start(lookups, 0);
    smbConf = Files.createTempFile("smbtorture", ".conf");
    Files.writeString(smbConf, "[global]\n  workgroup = WORKGROUP\n");
    knownFail = new TreeSet<>();
    try (InputStream in = SmbtortureIT.class.getResourceAsStream("smbtorture-knownfail.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          knownFail.add(line.strip());
        }
      }
    }
  }

  @AfterAll
  static void stop() throws IOException {
    services.close();
    lookups.shutdownNow();
    Files.deleteIfExists(smbConf);
  }

  static Map<String, Boolean> smbtorture(int port, String options, String suite) throws Exception {
    String binding = "ncacn_ip_tcp:127.0.0.1[" + port + ",ntlm" + options + "]";
    List<String> cmd =
        List.of(
            "smbtorture",
            "-s",
            smbConf.toString(),
            "-U",
            RpcTestServices.USER + "%" + RpcTestServices.PASSWORD,
            binding,
            suite);
    String out = ClientProcess.run(null, cmd, Duration.ofMinutes(4)).output();
    System.out.println("$ " + String.join(" ", cmd) + "\n" + out);
    Map<String, Boolean> results = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^(success|failure|error|skip): (.+?)( \\[)?$").matcher(out);
    while (m.find()) {
      if (!m.group(1).equals("skip")) {
        results.put(m.group(2), m.group(1).equals("success"));
      }
    }
    assertTrue(results.size() >= 3, "too few results, smbtorture did not run:\n" + out);
    return results;
  }

  static void check(Map<String, Boolean> results) {
    List<String> unexpected = new ArrayList<>();
    results.forEach(
        (test, ok) -> {
          if (ok == knownFail.contains(test)) {
            unexpected.add((ok ? "passes but is in the knownfail list: " : "fails: ") + test);
          }
        });
    assertEquals(List.of(), unexpected, "results: " + results);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ",sign", ",seal"})
  void epmapper(String options) throws Exception {
    Map<String, Boolean> r = smbtorture(services.epmapperPort(), options, "rpc.epmapper");
    assertEquals(Boolean.TRUE, r.get("epmapper.Map_simple"), r.toString());
    assertEquals(Boolean.TRUE, r.get("epmapper.Lookup_simple"), r.toString());
    check(r);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ",sign", ",seal"})
  void srvsvc(String options) throws Exception {
    Map<String, Boolean> r = smbtorture(services.servicesPort(), options, "rpc.srvsvc");
    assertEquals(Boolean.TRUE, r.get("srvsvc (admin access).NetShareEnumAll"), r.toString());
    assertEquals(Boolean.TRUE, r.get("srvsvc (admin access).NetShareGetInfo"), r.toString());
    check(r);
  }
}
