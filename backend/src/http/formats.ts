/** The file formats a table can be exported as. Pure: the web app imports them (through contract.ts). */
export const FORMATS = ['csv', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];
