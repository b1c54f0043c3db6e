package io.vesana.discovery;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which profile to suggest for a discovered host, by simple rules; every rule that matches gives
 * one suggestion (at most one per template), most confident first:
 *
 * <ol>
 *   <li>SNMP identity, confidence 0.9: the template whose {@code sys_object_ids} has the longest
 *       prefix of the host's sysObjectID (on a dot boundary: {@code 1.3.6.1.4.1.9} matches {@code
 *       1.3.6.1.4.1.9.1.516}, not {@code 1.3.6.1.4.1.99}).
 *   <li>Open ports (nmap), in this order: 3389 (RDP) → {@code windows-server} 0.6; 22 (SSH) →
 *       {@code linux-ssh-server} 0.5; 80 or 443 → {@code web-server} 0.4.
 * </ol>
 *
 * When the tenant already has a profile made from the template, that profile is suggested instead
 * of the bare template (the tenant's refinements win). Pure and thread-safe.
 */
public final class SuggestionRules {

  /** A catalog template as the rules need it. */
  public record Template(long id, String slug, List<String> sysObjectIds) {}

  /**
   * One suggestion: exactly one of {@code profileId} (a tenant profile made from the template) and
   * {@code templateId}.
   */
  public record Suggestion(
      Long profileId, Long templateId, BigDecimal confidence, JsonObject evidence) {}

  private record PortRule(Set<Integer> ports, String slug, BigDecimal confidence) {}

  private static final List<PortRule> PORT_RULES =
      List.of(
          new PortRule(Set.of(3389), "windows-server", new BigDecimal("0.600")),
          new PortRule(Set.of(22), "linux-ssh-server", new BigDecimal("0.500")),
          new PortRule(Set.of(80, 443), "web-server", new BigDecimal("0.400")));

  private static final BigDecimal SNMP_CONFIDENCE = new BigDecimal("0.900");

  private final List<Template> catalog;
  private final Map<Long, Long> tenantProfileByTemplate;

  /**
   * @param tenantProfileByTemplate template id → the tenant's profile made from it
   */
  public SuggestionRules(List<Template> catalog, Map<Long, Long> tenantProfileByTemplate) {
    this.catalog = List.copyOf(catalog);
    this.tenantProfileByTemplate = Map.copyOf(tenantProfileByTemplate);
  }

  public List<Suggestion> suggest(String sysObjectId, List<Integer> openPorts) {
    List<Suggestion> out = new ArrayList<>();
    List<Long> used = new ArrayList<>();
    bySysObjectId(sysObjectId)
        .ifPresent(
            m -> {
              used.add(m.template().id());
              out.add(
                  suggestion(
                      m.template(),
                      SNMP_CONFIDENCE,
                      Json.createObjectBuilder()
                          .add("rule", "sys_object_id")
                          .add("sys_object_id_prefix", m.prefix())
                          .add("sys_object_id", sysObjectId)
                          .build()));
            });
    for (PortRule r : PORT_RULES) {
      List<Integer> hits = openPorts.stream().filter(r.ports()::contains).sorted().toList();
      Optional<Template> t = bySlug(r.slug());
      if (hits.isEmpty() || t.isEmpty() || used.contains(t.get().id())) {
        continue;
      }
      used.add(t.get().id());
      var ports = Json.createArrayBuilder();
      hits.forEach(ports::add);
      out.add(
          suggestion(
              t.get(),
              r.confidence(),
              Json.createObjectBuilder().add("rule", "open_ports").add("ports", ports).build()));
    }
    return out;
  }

  private record PrefixMatch(Template template, String prefix) {}

  private Optional<PrefixMatch> bySysObjectId(String oid) {
    if (oid == null) {
      return Optional.empty();
    }
    String normal = oid.startsWith(".") ? oid.substring(1) : oid;
    PrefixMatch best = null;
    for (Template t : catalog) {
      for (String p : t.sysObjectIds()) {
        boolean matches = normal.equals(p) || normal.startsWith(p + ".");
        if (matches && (best == null || p.length() > best.prefix().length())) {
          best = new PrefixMatch(t, p);
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private Optional<Template> bySlug(String slug) {
    return catalog.stream().filter(t -> t.slug().equals(slug)).findFirst();
  }

  private Suggestion suggestion(Template t, BigDecimal confidence, JsonObject evidence) {
    JsonObject withSlug = Json.createObjectBuilder(evidence).add("template", t.slug()).build();
    Long profile = tenantProfileByTemplate.get(t.id());
    return profile != null
        ? new Suggestion(profile, null, confidence, withSlug)
        : new Suggestion(null, t.id(), confidence, withSlug);
  }
}
