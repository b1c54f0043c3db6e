/**
 * The strict reader of wire contract v1 ({@code io.vesana.contract}): turns a request body into
 * validated contract records and their canonical stream JSON, or refuses it with every violation
 * named by JSON pointer. Streaming (JSON-P {@code JsonParser}), bounded in bytes, depth, counts and
 * string lengths, so a hostile body costs at most {@link
 * io.vesana.contract.ContractLimits#MAX_BODY_BYTES} of reading and never reaches the stream.
 */
package io.vesana.receiver.wire;
