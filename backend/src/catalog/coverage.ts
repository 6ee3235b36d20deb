import type { ProgramKind } from '../program-kinds';
import type { CatalogEntry } from './snapshot';

/** An active fiscal program that covers a product (the catalog's 「可享贴息」 mark). */
export interface ProgramMark {
  id: string;
  name: string;
  kind: ProgramKind;
}

/**
 * Which active fiscal programs cover each of these listed products, by product id. The fiscal module
 * answers it (platform.ts wires it in): it depends on the catalog, and the catalog only asks.
 */
export type ProgramCoverage = (entries: readonly CatalogEntry[]) => Promise<Map<string, ProgramMark[]>>;
