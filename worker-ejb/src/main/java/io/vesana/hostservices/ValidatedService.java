package io.vesana.hostservices;

/** A draft whose settings and overrides passed validation, as the JSON text to store. */
record ValidatedService(HostServiceDraft draft, String settings, String overrides) {
  String name() {
    return draft.name();
  }
}
