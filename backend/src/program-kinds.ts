/**
 * The kinds of fiscal program (财金协同: 贴息, 担保费补贴, 风险补偿; domain spec "Fiscal
 * instruments"), alone in a module of their own: the fiscal module runs the programs, and the catalog
 * marks the products they cover without depending on it.
 */
export const PROGRAM_KINDS = ['interest_subsidy', 'guarantee_fee_subsidy', 'risk_compensation'] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];
