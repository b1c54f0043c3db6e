package io.vesana.api.paging;

import io.vesana.api.problems.Problem;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The one shape of every list answer: {@code {"items": [...], "next_after": id | null}}, keyset
 * paged ({@code ?after=<id>&limit=<1..500>}), so a page is stable while rows are added and no list
 * ever loads a whole table.
 */
public final class KeysetPage {

  public static final int MAX_LIMIT = 500;

  private KeysetPage() {}

  /** The requested page size, or a 400 problem. */
  public static int limit(int requested) {
    if (requested < 1 || requested > MAX_LIMIT) {
      throw Problem.badRequest("limit must be between 1 and " + MAX_LIMIT + ".");
    }
    return requested;
  }

  /** A full page has a next page marker (the last id); a shorter one ends the list. */
  public static <T> JsonObject of(
      List<T> page, int limit, Function<T, JsonObject> write, ToLongFunction<T> id) {
    JsonArrayBuilder items = Json.createArrayBuilder();
    page.forEach(t -> items.add(write.apply(t)));
    var out = Json.createObjectBuilder().add("items", items);
    if (page.size() == limit) {
      out.add("next_after", id.applyAsLong(page.get(page.size() - 1)));
    } else {
      out.addNull("next_after");
    }
    return out.build();
  }
}
