package io.vesana.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Admin use cases on dead letters: list with paging, count, replay one onto the main stream,
 * delete. Replay appends first and deletes second: a crash between them leaves the dead letter in
 * place and the entry queued, and storing it twice is harmless (results are deduplicated).
 */
@ApplicationScoped
public class DeadLetters {

  public static final int MAX_PAGE = 500;

  private DeadLetterQueue queue;

  /** For CDI. */
  protected DeadLetters() {}

  @Inject
  public DeadLetters(DeadLetterQueue queue) {
    this.queue = queue;
  }

  public List<DeadLetter> list(String afterId, int limit) {
    return queue.page(afterId, Math.max(1, Math.min(limit, MAX_PAGE)));
  }

  public long count() {
    return queue.count();
  }

  /** Puts the entry back on the ingest stream; empty when there is no such dead letter. */
  public Optional<String> replay(String id) {
    Optional<DeadLetter> letter = queue.find(id);
    if (letter.isEmpty()) {
      return Optional.empty();
    }
    String newId = queue.enqueue(letter.get().fields());
    queue.delete(id);
    return Optional.of(newId);
  }

  public boolean delete(String id) {
    return queue.delete(id);
  }
}
