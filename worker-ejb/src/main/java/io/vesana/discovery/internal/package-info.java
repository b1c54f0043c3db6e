/** JDBC adapters of discovery: scan uploads, scan requests, suggestions. */
package io.vesana.discovery.internal;
