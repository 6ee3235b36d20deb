import { randomBytes } from 'node:crypto';

/** 8 hex characters: enough that concurrent runs never share a database name or key prefix. */
export function randomTag(): string {
  return randomBytes(4).toString('hex');
}
