package io.vesana.discovery;

import jakarta.json.JsonArray;

/** One address a scan found; {@code matchedHostId} is the Vesana host with that address, if any. */
public record DiscoveredHostView(
    long id,
    long discoveryId,
    String address,
    String hostname,
    String macAddress,
    String sysObjectId,
    String sysDescr,
    JsonArray openPorts,
    Long matchedHostId) {}
