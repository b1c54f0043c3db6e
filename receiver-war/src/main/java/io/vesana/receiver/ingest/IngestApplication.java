package io.vesana.receiver.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * JAX-RS root of the receiver: {@code /ingest/v1/...}. A CDI bean (application scoped) because
 * MicroProfile JWT, which will authenticate later senders, requires its application class to be
 * one.
 */
@ApplicationPath("/v1")
@ApplicationScoped
public class IngestApplication extends Application {}
