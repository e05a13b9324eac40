-- Users who sign in with an identity provider: "<issuer>|<sub>", set on first sign-in.
ALTER TABLE users ADD COLUMN oidc_subject VARCHAR(512) UNIQUE;
