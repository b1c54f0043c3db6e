package io.vesana.discovery;

import java.util.List;

/**
 * A scan an operator asks a collector to run, validated by the API.
 *
 * @param tenantId for a super admin: the tenant; ignored otherwise
 * @param ports TCP ports to probe; empty: the collector's default set
 */
public record ScanRequest(Long tenantId, long collectorId, CidrBlock block, List<Integer> ports) {

  public ScanRequest {
    ports = List.copyOf(ports);
  }
}
