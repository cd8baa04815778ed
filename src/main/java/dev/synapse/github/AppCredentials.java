package dev.synapse.github;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GitHub App authentication: an RS256 JWT (Nimbus JOSE+JWT; {@code iss} = app id, {@code iat}
 * 60 s in the past against clock drift, {@code exp} 9 minutes ahead, GitHub's maximum being 10)
 * exchanged through {@code POST /app/installations/{installation_id}/access_tokens} for an
 * installation token, cached per installation until {@link #REFRESH_MARGIN} before its
 * {@code expires_at}. Concurrent callers share one exchange. At most {@value #MAX_CACHED}
 * installations are cached (least recently used dropped). Thread-safe.
 */
public final class AppCredentials {
  /** A cached token is replaced this long before it expires. */
  public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
  /** Lifetime of an app JWT. */
  public static final Duration JWT_LIFETIME = Duration.ofMinutes(9);
  /** Installations whose token is cached. */
  public static final int MAX_CACHED = 1_000;

  private final GitHubApi api;
  private final String appId;
  private final RSASSASigner signer;
  private final String keyError;
  private final Clock clock;
  private final CredentialHealth health;
  private final Map<Long, Cached> tokens = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Cached> eldest) {
      return size() > MAX_CACHED;
    }
  };

  private record Cached(Future<Token> token) {}

  private record Token(String value, Instant expiresAt) {}

  /**
   * @param api the REST client
   * @param appId the app id
   * @param privateKeyPem the app's private key (PEM); an unreadable key makes every call fail
   *     and the health check report it
   * @param clock expiry decisions
   * @param health where failures are reported
   */
  public AppCredentials(GitHubApi api, String appId, String privateKeyPem, Clock clock, CredentialHealth health) {
    this.api = api;
    this.appId = appId;
    this.clock = clock;
    this.health = health;
    RSASSASigner s = null;
    String error = null;
    try {
      RSAPrivateKey key = PrivateKeys.rsa(privateKeyPem);
      s = new RSASSASigner(key);
    } catch (IllegalArgumentException e) {
      error = "SYNAPSE_GITHUB_PRIVATE_KEY: " + e.getMessage();
    }
    this.signer = s;
    this.keyError = error;
    if (error != null) health.failed(error);
  }

  /** @return a fresh app JWT; fails when the key is unusable */
  public Future<String> jwt() {
    if (signer == null) return Future.failedFuture(new GitHubException("app-jwt", -1, keyError));
    Instant now = clock.instant();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
        .issuer(appId)
        .issueTime(Date.from(now.minusSeconds(60)))
        .expirationTime(Date.from(now.plus(JWT_LIFETIME)))
        .build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      health.failed("cannot sign the app JWT: " + e.getClass().getSimpleName());
      return Future.failedFuture(new GitHubException("app-jwt", -1, "cannot sign the app JWT"));
    }
    return Future.succeededFuture(jwt.serialize());
  }

  /** @return the credential of calls made as the app itself ({@code Bearer <JWT>}) */
  public Credential app() {
    return new Credential() {
      @Override
      public Future<String> authorization() {
        return jwt().map(t -> "Bearer " + t);
      }

      @Override
      public boolean renew(String used) {
        return false;
      }
    };
  }

  /** @return the credential of calls made as one installation ({@code Bearer <installation token>}) */
  public Credential installation(long installationId) {
    return new Credential() {
      @Override
      public Future<String> authorization() {
        return token(installationId).map(t -> "Bearer " + t);
      }

      @Override
      public boolean renew(String used) {
        synchronized (tokens) {
          Cached c = tokens.get(installationId);
          if (c != null && (used == null || !c.token().isComplete() || c.token().failed()
              || used.equals("Bearer " + c.token().result().value()))) {
            tokens.remove(installationId);
          }
        }
        return true;
      }
    };
  }

  /** @return a valid installation token, from the cache or a new exchange */
  Future<String> token(long installationId) {
    Cached cached;
    boolean fresh = false;
    synchronized (tokens) {
      cached = tokens.get(installationId);
      if (cached == null || stale(cached)) {
        cached = new Cached(exchange(installationId));
        tokens.put(installationId, cached);
        fresh = true;
      }
    }
    if (fresh) {
      Cached mine = cached;
      mine.token().onFailure(err -> {
        synchronized (tokens) {
          tokens.remove(installationId, mine);
        }
      });
    }
    return cached.token().map(Token::value);
  }

  private boolean stale(Cached c) {
    Future<Token> f = c.token();
    if (!f.isComplete()) return false;
    if (f.failed()) return true;
    return !clock.instant().isBefore(f.result().expiresAt().minus(REFRESH_MARGIN));
  }

  private Future<Token> exchange(long installationId) {
    String op = "apps/create-installation-access-token";
    return api.expect(GitHubApi.Call.write(op, HttpMethod.POST,
            "/app/installations/" + installationId + "/access_tokens", null, app(), false), 201)
        .recover(err -> {
          health.failed(err.getMessage());
          return Future.failedFuture(err);
        })
        .compose(r -> {
          JsonObject json = r.json();
          String token = json.getString("token");
          String expires = json.getString("expires_at");
          if (token == null || expires == null) {
            health.failed(op + " answered without token or expires_at");
            return Future.failedFuture(new GitHubException(op, r.status(), "answer without token or expires_at"));
          }
          try {
            return Future.succeededFuture(new Token(token, Instant.parse(expires)));
          } catch (DateTimeParseException e) {
            return Future.failedFuture(new GitHubException(op, r.status(), "expires_at is not an ISO 8601 time"));
          }
        });
  }
}
