package dev.synapse.github;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** Shared helpers: the webhook payloads and scenario diffs from test resources, and RSA app keys. */
final class GitHubTestKit {
  /** Head of the first push in the scenario. */
  static final String H1 = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  /** Head of the second push. */
  static final String H2 = "9b1f7d0c2a3e4f5061728394a5b6c7d8e9f00112";

  private GitHubTestKit() {}

  /** @return a random 40-hex commit SHA */
  static String randomSha() {
    byte[] b = new byte[20];
    new java.security.SecureRandom().nextBytes(b);
    return java.util.HexFormat.of().formatHex(b);
  }

  static String resource(String path) {
    try (InputStream in = GitHubTestKit.class.getResourceAsStream("/github/" + path)) {
      if (in == null) throw new IllegalStateException("missing test resource github/" + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return a real webhook payload from octokit/webhooks */
  static JsonObject payload(String name) {
    return new JsonObject(resource("webhook-payloads/" + name));
  }

  /** @return the payload with another head SHA (and before/after for synchronize) */
  static JsonObject withHead(JsonObject payload, String before, String head) {
    JsonObject p = payload.copy();
    p.getJsonObject("pull_request").getJsonObject("head").put("sha", head);
    if (before != null) p.put("before", before).put("after", head);
    return p;
  }

  static KeyPair rsaKeys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the private key as GitHub hands it out: PKCS#1 PEM ({@code BEGIN RSA PRIVATE KEY}) */
  static String pkcs1Pem(KeyPair keys) {
    byte[] pkcs8 = keys.getPrivate().getEncoded();
    // PrivateKeyInfo of a 2048-bit key: 26 header bytes (SEQUENCE, version, algorithm, OCTET STRING header), then PKCS#1
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----\n";
  }

  static Buffer bytes(JsonObject json) {
    return Buffer.buffer(json.encode());
  }
}
