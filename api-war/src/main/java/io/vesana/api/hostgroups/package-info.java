/** {@code /v1/host-groups}: nested groups of hosts. */
package io.vesana.api.hostgroups;
