package io.vesana.checks;

/** One invalid input field: a JSON pointer into the request body and what is wrong with it. */
public record FieldError(String pointer, String detail) {}
