/**
 * The processes that make up a running Vesana: today the Payara Micro instances hosting the API,
 * the receiver and the worker; later the web UI server and a local agent join as further {@link
 * io.vesana.launcher.components.Component}s. Each knows how to start, probe readiness and stop
 * itself; the order and the waiting belong to the caller.
 */
package io.vesana.launcher.components;
