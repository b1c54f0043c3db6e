package io.vesana.api.discovery;

import static io.vesana.api.problems.BodyFields.invalid;

import io.vesana.api.problems.BodyFields;
import io.vesana.discovery.AcceptDraft;
import io.vesana.discovery.CidrBlock;
import io.vesana.discovery.DiscoveredHostView;
import io.vesana.discovery.DiscoveryView;
import io.vesana.discovery.ScanRequest;
import io.vesana.discovery.SuggestionView;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Scan and suggestion JSON in and out; every input error is a 400 with a pointer to its field. */
final class DiscoveryJson {

  private static final Set<String> REQUEST_FIELDS =
      Set.of("tenant_id", "collector_id", "cidr", "ports");
  private static final Set<String> ACCEPT_FIELDS = Set.of("name", "host_group_id");
  private static final int MAX_PORTS = 100;

  private DiscoveryJson() {}

  static JsonObject write(DiscoveryView d) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", d.id())
            .add("tenant_id", d.tenantId())
            .add("collector_id", d.collectorId())
            .add("cidr", d.cidr())
            .add("options", d.options())
            .add("status", d.status())
            .add("host_count", d.hostCount())
            .add("created_at", d.createdAt().toString())
            .add("version", d.version());
    nullable(b, "requested_by_user_id", d.requestedByUserId());
    nullable(b, "started_at", d.startedAt());
    nullable(b, "finished_at", d.finishedAt());
    nullable(b, "error", d.error());
    return b.build();
  }

  static JsonObject write(DiscoveredHostView h) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", h.id())
            .add("address", h.address())
            .add("open_ports", h.openPorts());
    nullable(b, "hostname", h.hostname());
    nullable(b, "mac_address", h.macAddress());
    nullable(b, "sys_object_id", h.sysObjectId());
    nullable(b, "sys_descr", h.sysDescr());
    nullable(b, "matched_host_id", h.matchedHostId());
    return b.build();
  }

  static JsonObject write(SuggestionView s) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", s.id())
            .add("tenant_id", s.tenantId())
            .add("discovery_id", s.discoveryId())
            .add("discovered_host_id", s.discoveredHostId())
            .add("address", s.address())
            .add("confidence", s.confidence())
            .add("evidence", s.evidence())
            .add("status", s.status())
            .add("created_at", s.createdAt().toString());
    nullable(b, "hostname", s.hostname());
    nullable(b, "profile_id", s.profileId());
    nullable(b, "template_id", s.templateId());
    nullable(b, "template", s.templateSlug());
    nullable(b, "decided_by_user_id", s.decidedByUserId());
    nullable(b, "decided_at", s.decidedAt());
    nullable(b, "applied_host_id", s.appliedHostId());
    return b.build();
  }

  private static void nullable(JsonObjectBuilder b, String k, Object v) {
    if (v == null) {
      b.addNull(k);
    } else if (v instanceof Long l) {
      b.add(k, l);
    } else {
      b.add(k, v.toString());
    }
  }

  static ScanRequest readRequest(JsonObject body, boolean tenantAllowed) {
    if (body == null) {
      throw invalid("", "a JSON object body is required");
    }
    BodyFields.only(body, REQUEST_FIELDS);
    Long tenant = BodyFields.id(body, "tenant_id");
    if (tenant != null && !tenantAllowed) {
      throw invalid("tenant_id", "tenant_id can only be chosen by a super admin");
    }
    Long collector = BodyFields.id(body, "collector_id");
    if (collector == null) {
      throw invalid("collector_id", "collector_id is required");
    }
    CidrBlock block;
    try {
      block = CidrBlock.parse(BodyFields.string(body, "cidr", 60, true));
    } catch (IllegalArgumentException e) {
      throw invalid("cidr", "cidr " + e.getMessage());
    }
    if (!block.withinScanLimit()) {
      throw invalid(
          "cidr",
          "cidr may span at most "
              + CidrBlock.MAX_ADDRESSES
              + " addresses (IPv4 /16, IPv6 /112); split larger ranges");
    }
    return new ScanRequest(tenant, collector, block, ports(body));
  }

  private static List<Integer> ports(JsonObject body) {
    JsonValue v = body.get("ports");
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (!(v instanceof JsonArray a) || a.size() > MAX_PORTS) {
      throw invalid("ports", "ports must be an array of at most " + MAX_PORTS + " port numbers");
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!(a.get(i) instanceof JsonNumber n)
          || !n.isIntegral()
          || n.longValue() < 1
          || n.longValue() > 65535) {
        throw invalid("ports/" + i, "each port must be an integer 1..65535");
      }
      if (!out.contains(n.intValue())) {
        out.add(n.intValue());
      }
    }
    return out;
  }

  static AcceptDraft readAccept(JsonObject body) {
    JsonObject b = BodyFields.only(body, ACCEPT_FIELDS);
    return new AcceptDraft(
        BodyFields.string(b, "name", 255, false), BodyFields.id(b, "host_group_id"));
  }
}
