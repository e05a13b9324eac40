/**
 * Stored credentials: the typed boundary between the gateway, which serves {@code /api/credentials} to users, and
 * automation-service, which owns the credentials (encrypted at rest) and uses them when it calls a user's API. A
 * secret travels only in {@link NewCredential} and {@link RotatedSecret}, from the gateway to automation-service;
 * nothing comes back with it ({@link CredentialView} is metadata only).
 */
package io.autoflow.events.credentials;
