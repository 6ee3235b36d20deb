import type { Redis } from '../queue/redis';

/**
 * What a request signed in with — a cookie session or a bearer token — and when that lapses. A
 * live stream (stream/) is tied to it: it closes when the credential ends, however that happens.
 */
export interface Credential {
  /** `session:<session id>` or `token:<SHA-256 of the token>`. */
  key: string;
  userId: string;
  expiresAt: Date | undefined;
}

/** Credentials that ended before their time: every one of an account, or a single one. */
export type EndedCredentials = { userId: string } | { key: string };

/** The Redis channel on which any API process announces ended credentials to all of them. */
export const endedCredentialsChannel = (prefix: string) => `${prefix}:credentials-ended`;

export async function announceEnded(redis: Redis, prefix: string, ended: EndedCredentials): Promise<void> {
  await redis.publish(endedCredentialsChannel(prefix), JSON.stringify(ended));
}

export const sessionCredential = (sessionId: string) => `session:${sessionId}`;
export const tokenCredential = (tokenHash: string) => `token:${tokenHash}`;

/** The token hash a bearer request signed in with; none for a cookie session. */
export function tokenHashOf(credential: Credential | undefined): string | undefined {
  return credential?.key.startsWith('token:') ? credential.key.slice('token:'.length) : undefined;
}
