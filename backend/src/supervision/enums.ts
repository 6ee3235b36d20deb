/** The fixed lists supervision's queries and answers take. Pure: the web app imports them (through contract.ts). */

/** A trend's buckets. */
export const INTERVALS = ['week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

/** How 321 compliance is grouped: by county or by institution. */
export const GROUP_BYS = ['region', 'institution'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** A breach is open while its stage runs past its due time, closed once the stage ended. */
export const BREACH_STATUSES = ['open', 'closed'] as const;
export type BreachStatus = (typeof BREACH_STATUSES)[number];

/**
 * How a breached stage stands: still running late (`open`), or what ended it — escalated to the
 * city-wide pool with nobody having claimed it, claimed late, completed late (contact, decide),
 * the request withdrawn or expired with nobody taking it.
 */
export const BREACH_ENDINGS = ['open', 'escalated', 'claimed', 'completed', 'cancelled', 'expired'] as const;
export type BreachEnding = (typeof BREACH_ENDINGS)[number];

/** An urge (督办) goes open → acknowledged (by the institution) → resolved (its stage ended). */
export const URGE_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type UrgeState = (typeof URGE_STATES)[number];

/** The reports an export can hold, and its file formats. */
export const REPORTS = ['overview', 'sla', 'breaches'] as const;
export type Report = (typeof REPORTS)[number];
export { FORMATS, type Format } from '../http/formats';
