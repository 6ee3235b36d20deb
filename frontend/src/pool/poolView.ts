import type { LoanRequest } from '../requests/loanRequest';

/** What the grab hall's two layouts (table, cards) show and do. */
export interface PoolViewProps {
  items: LoanRequest[] | undefined;
  loading: boolean;
  /** How long it has waited in the pool so far. */
  waited: (request: LoanRequest) => string;
  claim: (request: LoanRequest) => void;
  claimingId: string | null;
}
