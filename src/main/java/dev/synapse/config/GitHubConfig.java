package dev.synapse.config;

/**
 * GitHub App settings ({@code SYNAPSE_GITHUB_*}, see {@link ConfigKey}). The integration is on
 * when a webhook secret is set; it then authenticates to the REST API as an app (app id and
 * private key) or with a token. {@link #toString()} never shows a secret.
 *
 * @param webhookSecret HMAC key of {@code X-Hub-Signature-256}, or null (integration off)
 * @param appId the GitHub App id (digits), or null
 * @param privateKeyPem the app's RSA private key as PEM text (read from the file when the
 *     variable named one), or null
 * @param token a personal or installation token used instead of app credentials, or null
 * @param apiUrl REST API base without a trailing slash ({@code https://api.github.com}, or
 *     {@code https://HOST/api/v3} for GitHub Enterprise Server)
 * @param reviewDrafts true to review draft pull requests
 * @param failOn lowest severity ({@code none|low|medium|high}) that fails the check run;
 *     {@code none} fails on any finding
 * @param deliveryTtlMs how long a delivery id is remembered for redelivery dedupe, in ms
 */
public record GitHubConfig(String webhookSecret, String appId, String privateKeyPem, String token,
    String apiUrl, boolean reviewDrafts, String failOn, long deliveryTtlMs) {

  /** The settings of a node without the integration. */
  public static final GitHubConfig DISABLED = new GitHubConfig(null, null, null, null,
      "https://api.github.com", false, "high", 259_200_000L);

  /** @return true when {@code POST /webhooks/github} is served (a webhook secret is set) */
  public boolean enabled() {
    return webhookSecret != null && !webhookSecret.isEmpty();
  }

  /** @return true when app credentials (id and key) are configured */
  public boolean app() {
    return appId != null && privateKeyPem != null;
  }

  @Override
  public String toString() {
    return "GitHubConfig[enabled=" + enabled() + ", appId=" + appId + ", privateKey="
        + (privateKeyPem == null ? "unset" : "set") + ", token=" + (token == null ? "unset" : "set")
        + ", apiUrl=" + apiUrl + ", reviewDrafts=" + reviewDrafts + ", failOn=" + failOn
        + ", deliveryTtlMs=" + deliveryTtlMs + "]";
  }
}
