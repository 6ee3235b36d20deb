import { z } from './zod';

/** What every failed call answers (through contract.ts to the web app). Pure (zod only). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string().openapi({ description: 'In zh-CN or English, by Accept-Language' }),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');
export type ErrorBody = z.output<typeof ErrorBody>;
/** One field a 400 names, and what is wrong with it. */
export type FieldError = NonNullable<ErrorBody['error']['details']>[number];
