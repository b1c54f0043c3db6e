package io.vesana.contract;

import java.time.Instant;
import java.util.List;

/**
 * What a collector's network scan found (contract v1). JSON: {@code cidr}, {@code started_at},
 * {@code finished_at}, {@code hosts}: [{@code address}, optional {@code hostname}, optional {@code
 * sys_object_id}, optional {@code sys_descr}, {@code open_ports}: [int]].
 */
public record DiscoveryUpload(
    String cidr, Instant startedAt, Instant finishedAt, List<DiscoveredHost> hosts) {

  public DiscoveryUpload {
    hosts = List.copyOf(hosts);
  }

  /** One answering address. */
  public record DiscoveredHost(
      String address,
      String hostname,
      String sysObjectId,
      String sysDescr,
      List<Integer> openPorts) {
    public DiscoveredHost {
      openPorts = openPorts == null ? List.of() : List.copyOf(openPorts);
    }
  }
}
