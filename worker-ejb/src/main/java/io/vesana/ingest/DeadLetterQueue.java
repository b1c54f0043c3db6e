package io.vesana.ingest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dead-letter stream, for the admin side. Implemented by {@code RedisDeadLetterQueue}. */
public interface DeadLetterQueue {

  /** Oldest first, ids after {@code afterId} ({@code null} from the start). */
  List<DeadLetter> page(String afterId, int limit);

  long count();

  Optional<DeadLetter> find(String id);

  /** Appends {@code fields} to the main ingest stream; returns the new entry id. */
  String enqueue(Map<String, String> fields);

  boolean delete(String id);
}
