package io.vesana.auth.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vesana.audit.AuditTrail;
import io.vesana.auth.Permissions;
import io.vesana.auth.sso.SsoLogin.Outcome;
import io.vesana.auth.sso.SsoLogin.Refused;
import io.vesana.auth.sso.SsoLogin.Rejected;
import io.vesana.auth.sso.SsoLogin.Success;
import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SSO exchange against the real schema and a real HTTP key set: which tokens pass, and who they
 * map to.
 */
class SsoLoginIT {

  private TestDatabase db;
  private Connection c;
  private Sql sql;
  private TestIssuer issuer;
  private long acme;
  private long globex;

  @BeforeEach
  void createWorld() throws Exception {
    db = TestDatabase.createMigrated();
    c = db.dataSource().getConnection();
    sql = new Sql(c);
    acme = sql.id("INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme') RETURNING id");
    globex = sql.id("INSERT INTO tenants (slug, name) VALUES ('globex', 'G') RETURNING id");
    issuer = new TestIssuer();
  }

  @AfterEach
  void dropDatabase() throws Exception {
    issuer.close();
    c.close();
    db.close();
  }

  private SsoLogin login(Map<String, String> overrides) {
    Map<String, String> cfg = new HashMap<>();
    cfg.put("issuer", issuer.issuer());
    cfg.put("jwks-uri", issuer.jwksUri().toString());
    cfg.put("audience", TestIssuer.AUDIENCE);
    cfg.put("tenant-claim", "vesana_tenant");
    cfg.put("role-mapping", "ops=operator,admins=tenant_admin,readers=viewer");
    cfg.put("jwks-refresh-min-seconds", "0");
    cfg.putAll(overrides);
    cfg.values().removeIf(String::isEmpty);
    return new SsoLogin(
        db.dataSource(),
        new AuditTrail(db.dataSource()),
        SsoConfig.from(k -> Optional.ofNullable(cfg.get(k))));
  }

  private SsoLogin login() {
    return login(Map.of());
  }

  private JWTClaimsSet.Builder alice() {
    return issuer
        .claims("alice-sub")
        .claim("email", "alice@acme.example")
        .claim("email_verified", true)
        .claim("vesana_tenant", "acme")
        .claim("groups", List.of("ops", "unrelated"));
  }

  @Test
  void aValidTokenOfALinkedUserGivesHerCallerWithMappedRoles() throws Exception {
    long alice = user(acme, "alice@acme.example");
    sql.exec(
        "INSERT INTO sso_identities (user_id, issuer, subject) VALUES ("
            + alice
            + ", '"
            + issuer.issuer()
            + "', 'alice-sub')");

    Success s = success(login().exchange(issuer.rs256(alice().build()), "test"));

    assertThat(s.caller().userId()).isEqualTo(alice);
    assertThat(s.caller().tenantId()).isEqualTo(acme);
    assertThat(s.caller().roles()).containsExactly("operator");
    assertThat(s.caller().may(Permissions.HOSTS_WRITE)).isTrue();
    assertThat(s.refreshToken().token()).startsWith("vesana_rt_");
    assertThat(issuer.fetches.get()).isEqualTo(1);
  }

  @Test
  void es256IsAcceptedToo() throws Exception {
    user(acme, "alice@acme.example");

    Outcome o = login().exchange(issuer.sign(issuer.ec, alice().build()), "test");

    assertThat(o).isInstanceOf(Success.class);
  }

  @Test
  void badTokensAreRejected() throws Exception {
    user(acme, "alice@acme.example");
    SsoLogin login = login();
    String valid = issuer.rs256(alice().build());
    String[] parts = valid.split("\\.");
    Instant past = Instant.now().minusSeconds(600);

    assertRejected(login, issuer.rs256(alice().issuer("https://evil.example/").build()));
    assertRejected(login, issuer.rs256(alice().audience("someone-else").build()));
    assertRejected(
        login,
        issuer.rs256(
            alice()
                .issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60)))
                .build()));
    assertRejected(
        login,
        issuer.rs256(alice().notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()));
    assertRejected(login, b64("{\"alg\":\"none\"}") + "." + parts[1] + ".");
    assertRejected(login, hs256WithThePublicKey(alice().build()));
    assertRejected(
        login, issuer.sign(new RSAKeyGenerator(2048).keyID("rsa-1").generate(), alice().build()));
    assertRejected(
        login, issuer.sign(new RSAKeyGenerator(2048).keyID("nobody").generate(), alice().build()));
    String otherSubject =
        b64(
            new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("alice-sub", "admin-sub"));
    assertRejected(login, parts[0] + "." + otherSubject + "." + parts[2]);
    assertRejected(login, "not a token");
    assertThat(sql.string("SELECT count(*) FROM refresh_tokens")).isEqualTo("0");
  }

  @Test
  void aRotatedKeyIsFetchedWhenATokenNamesIt() throws Exception {
    user(acme, "alice@acme.example");
    SsoLogin login = login();
    assertThat(login.exchange(issuer.rs256(alice().build()), "t")).isInstanceOf(Success.class);
    RSAKey next = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
    issuer.publish(next);

    assertThat(login.exchange(issuer.sign(next, alice().build()), "t")).isInstanceOf(Success.class);
    assertThat(issuer.fetches.get()).isEqualTo(2);
  }

  @Test
  void unknownKeyIdsDoNotMakeItFetchMoreThanOncePerInterval() throws Exception {
    user(acme, "alice@acme.example");
    SsoLogin login = login(Map.of("jwks-refresh-min-seconds", "30"));
    assertThat(login.exchange(issuer.rs256(alice().build()), "t")).isInstanceOf(Success.class);

    for (int i = 0; i < 5; i++) {
      String t = issuer.sign(new RSAKeyGenerator(2048).keyID("k" + i).generate(), alice().build());
      assertThat(login.exchange(t, "t")).isInstanceOf(Rejected.class);
    }
    assertThat(issuer.fetches.get()).isLessThanOrEqualTo(2);
  }

  @Test
  void anUnknownUserIsRefusedWithoutJustInTimeCreation() throws Exception {
    Outcome o = login().exchange(issuer.rs256(alice().build()), "t");

    assertThat(o).isInstanceOf(Refused.class);
    assertThat(((Refused) o).code()).isEqualTo("sso-user-unknown");
    assertThat(sql.string("SELECT count(*) FROM users")).isEqualTo("0");
  }

  @Test
  void justInTimeCreatesTheUserWithMappedRolesAndAudits() throws Exception {
    Success s =
        success(
            login(Map.of("jit", "true"))
                .exchange(issuer.rs256(alice().claim("groups", List.of("admins")).build()), "t"));

    assertThat(s.caller().roles()).containsExactly("tenant_admin");
    assertThat(
            sql.string("SELECT password_hash IS NULL FROM users WHERE id = " + s.caller().userId()))
        .isEqualTo("t");
    assertThat(sql.string("SELECT count(*) FROM audit_log WHERE action = 'user.created_by_sso'"))
        .isEqualTo("1");
    assertThat(sql.string("SELECT subject FROM sso_identities")).isEqualTo("alice-sub");
  }

  @Test
  void rolesFollowTheIssuersGroupsAndNoMappedGroupIsRefused() throws Exception {
    long alice = user(acme, "alice@acme.example");
    SsoLogin login = login();
    success(login.exchange(issuer.rs256(alice().build()), "t"));

    Success s =
        success(
            login.exchange(issuer.rs256(alice().claim("groups", List.of("readers")).build()), "t"));
    Outcome none = login.exchange(issuer.rs256(alice().claim("groups", List.of()).build()), "t");

    assertThat(s.caller().roles()).containsExactly("viewer");
    assertThat(((Refused) none).code()).isEqualTo("sso-no-role");
    assertThat(
            sql.string(
                "SELECT string_agg(role_name, ',') FROM user_roles WHERE user_id = " + alice))
        .isEqualTo("viewer");
    assertThat(sql.string("SELECT count(*) FROM audit_log WHERE action = 'user.roles_synced'"))
        .isEqualTo("2");
  }

  @Test
  void anUnverifiedEmailDoesNotLinkAnExistingAccount() throws Exception {
    user(acme, "alice@acme.example");

    Outcome o = login().exchange(issuer.rs256(alice().claim("email_verified", false).build()), "t");

    assertThat(((Refused) o).code()).isEqualTo("sso-email-unverified");
    assertThat(sql.string("SELECT count(*) FROM sso_identities")).isEqualTo("0");
  }

  @Test
  void theTenantComesFromTheClaimOrTheFixedSettingAndMustMatchTheAccount() throws Exception {
    user(globex, "alice@acme.example");
    SsoLogin byClaim = login();

    Outcome wrongTenant = byClaim.exchange(issuer.rs256(alice().build()), "t");
    Outcome noTenant =
        byClaim.exchange(issuer.rs256(alice().claim("vesana_tenant", "nope").build()), "t");
    Outcome fixed =
        login(Map.of("tenant-claim", "", "tenant", "globex"))
            .exchange(issuer.rs256(alice().build()), "t");

    assertThat(((Refused) wrongTenant).code()).isEqualTo("sso-tenant-mismatch");
    assertThat(((Refused) noTenant).code()).isEqualTo("sso-tenant-unknown");
    assertThat(success(fixed).caller().tenantId()).isEqualTo(globex);
  }

  @Test
  void withoutAnIssuerSsoIsOff() throws Exception {
    SsoLogin off =
        new SsoLogin(
            db.dataSource(),
            new AuditTrail(db.dataSource()),
            SsoConfig.from(k -> Optional.empty()));

    assertThat(off.exchange(issuer.rs256(alice().build()), "t"))
        .isInstanceOf(SsoLogin.NotConfigured.class);
  }

  private String hs256WithThePublicKey(JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims);
    jwt.sign(new MACSigner(issuer.rsa.toRSAPublicKey().getEncoded()));
    return jwt.serialize();
  }

  private static void assertRejected(SsoLogin login, String token) throws SQLException {
    Outcome o = login.exchange(token, "t");
    assertThat(o).isInstanceOf(Rejected.class);
    assertThat(((Rejected) o).unavailable()).isFalse();
  }

  private static Success success(Outcome o) {
    assertThat(o).isInstanceOf(Success.class);
    return (Success) o;
  }

  private long user(long tenant, String email) throws SQLException {
    return sql.id(
        "INSERT INTO users (tenant_id, email, display_name) VALUES ("
            + tenant
            + ", '"
            + email
            + "', 'x') RETURNING id");
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
