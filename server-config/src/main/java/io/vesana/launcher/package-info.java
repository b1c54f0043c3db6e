/**
 * The one-command start of Vesana: reads its settings from the environment, starts (or finds)
 * PostgreSQL and Redis, runs the application instances, waits until they are ready, reports where
 * everything is, and stops it all in reverse order on Ctrl-C or SIGTERM.
 */
package io.vesana.launcher;
