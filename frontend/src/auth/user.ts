import type { Actor } from '@lcfin/backend/access/roles';

export type { Role } from '@lcfin/backend/access/roles';

/** The signed-in account as returned by `GET /api/v1/auth/me` (the backend's Actor). */
export type User = Actor;
