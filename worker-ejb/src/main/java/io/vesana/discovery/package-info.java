/**
 * Network discovery: collectors scan address blocks (nmap, SNMP) on request or on their own and
 * upload what answered; {@link io.vesana.discovery.DiscoveryIntake} stores those uploads from the
 * ingest stream (idempotently), {@link io.vesana.discovery.SuggestionRules} suggests a profile for
 * each found host that is not a Vesana host yet, and the API use cases list scans, request new ones
 * (the collector's configuration carries pending requests) and accept or dismiss suggestions
 * (accepting creates the host through {@link io.vesana.hosts.HostAdministration}).
 */
package io.vesana.discovery;
