package io.vesana.discovery;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.discovery.internal.JdbcSuggestions;
import io.vesana.discovery.internal.TemplateProfiles;
import io.vesana.hosts.HostAdministration;
import io.vesana.hosts.HostDraft;
import io.vesana.hosts.HostView;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Suggestion use cases, one container transaction each, under the caller's tenant scope. Accepting
 * creates the host through {@link HostAdministration} (its audit record, name check and profile
 * services happen as for any host), with the suggested profile (made from the template first when
 * the tenant has none) and the scanning collector; the other open suggestions for that host are
 * rejected with it. Dismissing rejects one suggestion. Each decision writes an audit record.
 */
@ApplicationScoped
@Transactional
public class SuggestionBook {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;
  @Inject HostAdministration hosts;

  private final JdbcSuggestions rows = new JdbcSuggestions();
  private final TemplateProfiles templates = new TemplateProfiles();

  public List<SuggestionView> list(
      Caller caller, SuggestionFilter filter, long afterId, int limit) {
    try (Connection c = dataSource.getConnection()) {
      return rows.page(c, caller.scope(), filter, afterId, limit);
    } catch (SQLException e) {
      throw new IllegalStateException("suggestions not read", e);
    }
  }

  public Optional<SuggestionView> get(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      return rows.find(c, caller.scope(), id, false);
    } catch (SQLException e) {
      throw new IllegalStateException("suggestion not read", e);
    }
  }

  /** Empty if the caller cannot see or change it. */
  public Optional<SuggestionView> accept(Caller caller, long id, AcceptDraft d) {
    try (Connection c = dataSource.getConnection()) {
      Optional<SuggestionView> found = open(c, caller, id);
      if (found.isEmpty()) {
        return found;
      }
      SuggestionView s = found.get();
      long profile = s.profileId() != null ? s.profileId() : fromTemplate(c, caller, s);
      String name = d.name() != null ? d.name() : s.hostname() != null ? s.hostname() : s.address();
      HostView host =
          hosts.create(
              caller,
              new HostDraft(
                  s.tenantId(),
                  name,
                  null,
                  s.address(),
                  d.hostGroupId(),
                  profile,
                  rows.collectorOf(c, s),
                  true));
      rows.decide(c, s, "accepted", caller.userId(), host.id());
      return Optional.of(decided(c, caller, s, "suggestion.accepted"));
    } catch (SQLException e) {
      throw new IllegalStateException("suggestion not accepted", e);
    }
  }

  /** Empty if the caller cannot see or change it. */
  public Optional<SuggestionView> dismiss(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      Optional<SuggestionView> found = open(c, caller, id);
      if (found.isEmpty()) {
        return found;
      }
      rows.decide(c, found.get(), "rejected", caller.userId(), null);
      return Optional.of(decided(c, caller, found.get(), "suggestion.dismissed"));
    } catch (SQLException e) {
      throw new IllegalStateException("suggestion not dismissed", e);
    }
  }

  /** The suggestion, locked, if writable; 409 if it was decided already. */
  private Optional<SuggestionView> open(Connection c, Caller caller, long id) throws SQLException {
    Optional<SuggestionView> found =
        rows.find(c, caller.scope(), id, true).filter(s -> caller.scope().canWrite(s.tenantId()));
    if (found.isPresent() && !"suggested".equals(found.get().status())) {
      throw new SuggestionDecidedException(found.get().status());
    }
    return found;
  }

  private long fromTemplate(Connection c, Caller caller, SuggestionView s) throws SQLException {
    TemplateProfiles.Made m = templates.profileFor(c, s.tenantId(), s.templateId());
    if (m.created()) {
      JsonObject image =
          Json.createObjectBuilder()
              .add("id", m.profileId())
              .add("tenant_id", s.tenantId())
              .add("name", m.name())
              .add("template_id", s.templateId())
              .build();
      audit.record(
          caller, s.tenantId(), "profile.created", "profile", "" + m.profileId(), null, image);
    }
    return m.profileId();
  }

  private SuggestionView decided(Connection c, Caller caller, SuggestionView before, String action)
      throws SQLException {
    SuggestionView after = rows.find(c, caller.scope(), before.id(), false).orElseThrow();
    audit.record(
        caller,
        before.tenantId(),
        action,
        "profile_suggestion",
        "" + before.id(),
        json(before),
        json(after));
    return after;
  }

  static JsonObject json(SuggestionView v) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", v.id())
            .add("tenant_id", v.tenantId())
            .add("discovered_host_id", v.discoveredHostId())
            .add("address", v.address())
            .add("status", v.status());
    if (v.profileId() != null) {
      b.add("profile_id", v.profileId());
    }
    if (v.templateId() != null) {
      b.add("template_id", v.templateId());
    }
    if (v.appliedHostId() != null) {
      b.add("applied_host_id", v.appliedHostId());
    }
    return b.build();
  }
}
