import type { Actor } from '@lcfin/backend/contract';

export type { Role } from '@lcfin/backend/contract';

/** The signed-in account as returned by `GET /api/v1/auth/me` (the backend's Actor). */
export type User = Actor;
