/** Health of the receiver instance: readiness of Redis and PostgreSQL, liveness. */
package io.vesana.receiver.health;
