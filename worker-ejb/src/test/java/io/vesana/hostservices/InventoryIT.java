package io.vesana.hostservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vesana.audit.AuditTrail;
import io.vesana.audit.TestAudit;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.checks.CheckConfig;
import io.vesana.checks.CheckKind;
import io.vesana.checks.CheckSettings;
import io.vesana.checks.EffectiveCheck;
import io.vesana.checks.FieldError;
import io.vesana.checks.InvalidCheckException;
import io.vesana.checks.Sourced.Source;
import io.vesana.contract.IngestStream;
import io.vesana.hosts.Host;
import io.vesana.hosts.HostGroupAdministration;
import io.vesana.hosts.HostGroupConflictException;
import io.vesana.hosts.HostGroupDraft;
import io.vesana.hosts.HostGroupParentException;
import io.vesana.hosts.HostGroupView;
import io.vesana.hosts.HostProfileAssigned;
import io.vesana.hosts.internal.JpaHostGroups;
import io.vesana.hosts.internal.JpaHosts;
import io.vesana.hostservices.internal.JpaHostServices;
import io.vesana.ingest.DecodedEntry;
import io.vesana.ingest.IncomingResult;
import io.vesana.ingest.QueuedEntry;
import io.vesana.ingest.RejectedResult;
import io.vesana.ingest.ResolvedResult;
import io.vesana.ingest.internal.JdbcServiceContexts;
import io.vesana.profiles.ProfileAdministration;
import io.vesana.profiles.ProfileCheckAdministration;
import io.vesana.profiles.ProfileCheckDraft;
import io.vesana.profiles.ProfileCheckView;
import io.vesana.profiles.ProfileDraft;
import io.vesana.profiles.ProfileView;
import io.vesana.profiles.internal.JpaProfileChecks;
import io.vesana.profiles.internal.JpaProfiles;
import io.vesana.tenancy.TenantScope;
import io.vesana.testing.SyncEvent;
import io.vesana.testing.TestPersistence;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Host groups, profiles, profile checks and host services through their use-case classes on the
 * real schema (outside a container: one resource-local transaction per call, audit records on their
 * own connection).
 */
class InventoryIT {

  private TestPersistence pu;
  private AuditTrail audit;
  private long acme;
  private long globex;
  private Caller acmeAdmin;
  private Caller globexAdmin;

  @BeforeEach
  void world() {
    pu = TestPersistence.onFreshDatabase();
    audit = TestAudit.on(pu.database().dataSource());
    acme = pu.createTenant("acme");
    globex = pu.createTenant("globex");
    acmeAdmin =
        new Caller(1, acme, "admin@acme", Set.of("tenant_admin"), Permissions.ALL, Set.of());
    globexAdmin =
        new Caller(2, globex, "admin@globex", Set.of("tenant_admin"), Permissions.ALL, Set.of());
  }

  @AfterEach
  void close() {
    pu.close();
  }

  private HostGroupAdministration groups(EntityManager em) {
    return new HostGroupAdministration(new JpaHostGroups(em), audit);
  }

  private HostServiceAdministration services(EntityManager em) {
    return new HostServiceAdministration(
        new JpaHosts(em), new JpaHostServices(em), new JpaProfileChecks(em), audit);
  }

  private long group(Caller c, String name, Long parent) {
    return pu.inTransaction(
            em -> groups(em).create(c, new HostGroupDraft(null, name, null, parent)))
        .id();
  }

  @Test
  void aGroupCannotMoveUnderItsOwnDescendantNorUnderAnotherTenantsGroup() {
    long top = group(acmeAdmin, "europe", null);
    long mid = group(acmeAdmin, "berlin", top);
    long leaf = group(acmeAdmin, "rack-1", mid);
    long foreign = group(globexAdmin, "globex-root", null);

    assertThatThrownBy(
            () ->
                pu.inTransaction(
                    em ->
                        groups(em)
                            .update(
                                acmeAdmin, top, new HostGroupDraft(null, "europe", null, leaf))))
        .isInstanceOf(HostGroupConflictException.class);
    assertThatThrownBy(
            () ->
                pu.inTransaction(
                    em ->
                        groups(em)
                            .update(acmeAdmin, top, new HostGroupDraft(null, "europe", null, top))))
        .isInstanceOf(HostGroupConflictException.class);
    assertThatThrownBy(() -> group(acmeAdmin, "sneaky", foreign))
        .isInstanceOf(HostGroupParentException.class);
    assertThatThrownBy(() -> group(acmeAdmin, "BERLIN", top))
        .isInstanceOf(HostGroupConflictException.class);

    HostGroupView moved =
        pu.inTransaction(
                em ->
                    groups(em)
                        .update(acmeAdmin, leaf, new HostGroupDraft(null, "rack-1", null, top)))
            .orElseThrow();
    assertThat(moved.parentId()).isEqualTo(top);
    assertThat(pu.<Optional<HostGroupView>>inTransaction(em -> groups(em).get(globexAdmin, leaf)))
        .isEmpty();
    assertThat(pu.queryValue("SELECT count(*) FROM audit_log WHERE action LIKE 'host_group.%'"))
        .isEqualTo(5L);
  }

  private long profile(Caller c, String name) {
    ProfileView p =
        pu.inTransaction(
            em ->
                new ProfileAdministration(new JpaProfiles(em), audit)
                    .create(c, new ProfileDraft(null, name, null, true)));
    return p.id();
  }

  private ProfileCheckView check(
      Caller c,
      long profile,
      String name,
      String kind,
      String settings,
      int interval,
      boolean enabled) {
    CheckSettings s =
        CheckSettings.parse(CheckKind.byCode(kind).orElseThrow(), json(settings), "/settings");
    ProfileCheckDraft d =
        new ProfileCheckDraft(name, s, null, interval, 60, 4, null, null, null, true, enabled);
    return pu.inTransaction(
            em ->
                new ProfileCheckAdministration(
                        new JpaProfiles(em),
                        new JpaProfileChecks(em),
                        audit,
                        new SyncEvent<>(
                            new ProfileServices(new JpaProfiles(em), new JpaHostServices(em))
                                ::onCheckAdded))
                    .create(c, profile, d))
        .orElseThrow();
  }

  private long host(long tenant, String name, Long profile) {
    return pu.inTransaction(
        em -> {
          Host h = new Host(tenant, name, "192.0.2.10");
          h.assignProfile(profile);
          return new JpaHosts(em).add(TenantScope.of(tenant), h).id();
        });
  }

  private void assign(long tenant, long host, long profile) {
    pu.inTransaction(
        em -> {
          new ProfileServices(new JpaProfiles(em), new JpaHostServices(em))
              .onProfileAssigned(new HostProfileAssigned(tenant, host, profile));
          return null;
        });
  }

  @Test
  void assigningAProfileCreatesAServiceForEachEnabledCheckOnce() {
    long ups = profile(acmeAdmin, "APC Smart UPS");
    check(
        acmeAdmin,
        ups,
        "Battery voltage",
        "snmp",
        "{\"oid\":\"1.3.6.1.4.1.318.1.1.1.2.2.8.0\"}",
        60,
        true);
    check(acmeAdmin, ups, "Ping", "ping", "{}", 60, true);
    check(acmeAdmin, ups, "Load", "snmp", "{\"oid\":\"1.3.6.1.4.1.318.1.1.1.4.2.3.0\"}", 60, false);
    long h = host(acme, "ups-1", ups);

    assign(acme, h, ups);
    assign(acme, h, ups);

    assertThat(
            pu.queryValue(
                "SELECT string_agg(name, ',' ORDER BY name) FROM host_services WHERE host_id = ?",
                h))
        .isEqualTo("Battery voltage,Ping");

    check(
        acmeAdmin, ups, "Runtime", "snmp", "{\"oid\":\"1.3.6.1.4.1.318.1.1.1.2.2.3.0\"}", 60, true);
    assertThat(
            pu.queryValue(
                "SELECT string_agg(name, ',' ORDER BY name) FROM host_services WHERE host_id = ?",
                h))
        .isEqualTo("Battery voltage,Ping,Runtime");
  }

  @Test
  void theEffectiveConfigurationShowsSourcesAndAgreesWithIngest() throws Exception {
    long ups = profile(acmeAdmin, "UPS");
    ProfileCheckView battery =
        check(
            acmeAdmin,
            ups,
            "Battery",
            "snmp",
            "{\"oid\":\"1.3.6.1.4.1.318.1.1.1.2.2.8.0\"}",
            120,
            true);
    long h = host(acme, "ups-2", ups);
    HostServiceDraft d =
        new HostServiceDraft(
            "Battery",
            battery.id(),
            null,
            null,
            json("{\"port\":1161}"),
            null,
            null,
            30,
            5,
            null,
            json("{\"volts\":\"@0:10\"}"),
            null,
            false,
            true);
    HostServiceView s = pu.inTransaction(em -> services(em).create(acmeAdmin, h, d)).orElseThrow();

    EffectiveCheck e =
        pu.inTransaction(em -> services(em).effective(acmeAdmin, h, s.id())).orElseThrow();

    assertThat(e.settings().get("port").value()).isEqualTo(Json.createValue(1161));
    assertThat(e.settings().get("port").source()).isEqualTo(Source.OVERRIDE);
    assertThat(e.settings().get("oid").source()).isEqualTo(Source.PROFILE_CHECK);
    assertThat(e.checkIntervalS().value()).isEqualTo(120);
    assertThat(e.checkIntervalS().source()).isEqualTo(Source.PROFILE_CHECK);
    assertThat(e.maxCheckAttempts().value()).isEqualTo(5);
    assertThat(e.maxCheckAttempts().source()).isEqualTo(Source.OVERRIDE);
    assertThat(e.critThreshold().source()).isEqualTo(Source.OVERRIDE);
    assertThat(e.warnThreshold().source()).isEqualTo(Source.DEFAULT);
    assertThat(e.checkConfig()).isEqualTo(new CheckConfig(5, 120, 30));
    assertThat(ingestConfig("ups-2", "Battery")).isEqualTo(e.checkConfig());
    assertThat(
            pu.<Optional<EffectiveCheck>>inTransaction(
                em -> services(em).effective(globexAdmin, h, s.id())))
        .isEmpty();
  }

  private CheckConfig ingestConfig(String host, String service) throws Exception {
    IncomingResult r =
        new IncomingResult(
            host, service, 0, "OK", null, null, Instant.now(), null, JsonValue.EMPTY_JSON_OBJECT);
    DecodedEntry entry =
        new DecodedEntry(
            new QueuedEntry("1-0", Map.of(), 1),
            acme,
            IngestStream.SOURCE_COLLECTOR,
            1,
            Instant.now(),
            List.of(r));
    List<ResolvedResult> resolved = new ArrayList<>();
    List<RejectedResult> rejected = new ArrayList<>();
    try (Connection c = pu.database().dataSource().getConnection()) {
      new JdbcServiceContexts(100, 1_000_000_000L).resolve(c, List.of(entry), resolved, rejected);
    }
    assertThat(rejected).isEmpty();
    return resolved.get(0).config();
  }

  @Test
  void overridesAreValidatedAgainstTheProfileChecksKindWithPointers() {
    long ups = profile(acmeAdmin, "UPS");
    ProfileCheckView battery =
        check(acmeAdmin, ups, "Battery", "snmp", "{\"oid\":\"1.3.6.1.2.1.1.3.0\"}", 60, true);
    long h = host(acme, "ups-3", ups);
    HostServiceDraft d =
        new HostServiceDraft(
            "Battery",
            battery.id(),
            null,
            null,
            json("{\"port\":0,\"url\":\"http://x\",\"community\":\"public\"}"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            true);

    assertThatThrownBy(() -> pu.inTransaction(em -> services(em).create(acmeAdmin, h, d)))
        .isInstanceOfSatisfying(
            InvalidCheckException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::pointer)
                    .containsExactlyInAnyOrder(
                        "/overrides/port", "/overrides/url", "/overrides/community"));
    assertThat(pu.queryValue("SELECT count(*) FROM host_services WHERE tenant_id = " + acme))
        .isEqualTo(0L);
  }

  @Test
  void anotherTenantCannotReadChangeOrDeleteAService() {
    long h = host(acme, "web-1", null);
    HostServiceDraft d =
        new HostServiceDraft(
            "HTTP",
            null,
            "http",
            json("{\"url\":\"https://example.org/\"}"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            true);
    HostServiceView s = pu.inTransaction(em -> services(em).create(acmeAdmin, h, d)).orElseThrow();

    assertThat(
            pu.<Optional<HostServiceView>>inTransaction(
                em -> services(em).get(globexAdmin, h, s.id())))
        .isEmpty();
    assertThat(
            pu.<Optional<HostServiceView>>inTransaction(
                em -> services(em).update(globexAdmin, h, s.id(), d)))
        .isEmpty();
    assertThat(pu.<Boolean>inTransaction(em -> services(em).delete(globexAdmin, h, s.id())))
        .isFalse();
    assertThat(
            pu.<Optional<HostServiceView>>inTransaction(
                em -> services(em).create(globexAdmin, h, d)))
        .isEmpty();
    assertThat(
            pu.inTransaction(em -> services(em).get(acmeAdmin, h, s.id())).orElseThrow().settings())
        .isEqualTo(
            json("{\"url\":\"https://example.org/\",\"method\":\"GET\",\"verify_tls\":true}"));
  }

  static JsonObject json(String s) {
    try (var r = Json.createReader(new StringReader(s))) {
      return r.readObject();
    }
  }
}
