import type { Actor } from '@lcfin/backend/auth/roles';

export type { Role } from '@lcfin/backend/auth/roles';

/** The signed-in account as returned by `GET /api/v1/auth/me` (the backend's Actor). */
export type User = Actor;
