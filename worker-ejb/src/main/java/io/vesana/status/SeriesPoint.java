package io.vesana.status;

import java.time.Instant;

/** One bucket of a metric series: the bucket's start and the values' min, average and max. */
public record SeriesPoint(Instant at, double min, double avg, double max, long samples) {}
