/**
 * The versioned wire contract shared by agents, collectors and the server: plain records and enums,
 * with golden JSON samples under src/test/resources. No framework dependencies, by rule, so that
 * the agent and collector stay small.
 */
package io.vesana.contract;
