/**
 * The collector. Empty on purpose until its roadmap issue: the module exists so that the build
 * already enforces its one rule, that it depends on the wire contract ({@code vesana-common}) and
 * nothing else of the server.
 */
package io.vesana.collector;
