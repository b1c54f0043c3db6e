/**
 * Identity primitives shared by the API and the worker: password hashing (login itself is the
 * API's).
 */
package io.vesana.auth;
