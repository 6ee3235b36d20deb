import type { ActorView } from '@lcfin/backend/contract';

export type { Role } from '@lcfin/backend/contract';

/** The signed-in account as returned by `GET /api/v1/auth/me`. */
export type User = ActorView;
