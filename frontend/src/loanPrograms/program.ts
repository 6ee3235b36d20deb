import type { ClaimViewType, LoanProgramsView, ProgramViewType, ServicingReportsView } from '@lcfin/backend/contract';

export type { ClaimBody, ClaimStatus, ProgramKind, ServicingBody, ServicingStatus } from '@lcfin/backend/contract';

/** A fiscal program (政策项目) as anyone reads it: 贴息, 担保费补贴 or 风险补偿. */
export type Program = ProgramViewType;

/** A program a loan qualifies for or, once disbursed, is enrolled in. */
export type LoanProgram = ReturnType<(typeof LoanProgramsView)['parse']>['items'][number];

/** One servicing period the lending institution reported; a superseded one counts for nothing. */
export type ServicingReport = ReturnType<(typeof ServicingReportsView)['parse']>['items'][number];

/** A claim (申请) on a program: a subsidy for a reported period, or compensation for a default. */
export type Claim = ClaimViewType;
