import { z } from '../http/zod';
import { SlaPolicyInput, SlaPolicyView } from '../sla-policy/views';
import { Deadline } from './calendar-views';

/** One published version of the policy, with who published it (null: the platform's default). */
export const SlaPolicyVersion = SlaPolicyView.and(z.object({ createdBy: z.string().nullable() })).openapi(
  'SlaPolicyVersion',
);
export type SlaPolicyVersion = z.output<typeof SlaPolicyVersion>;

/** `GET /sla/policy/versions`: every version, newest first. */
export const SlaPolicyHistory = z.object({ items: z.array(SlaPolicyVersion) });
export type SlaPolicyHistory = z.output<typeof SlaPolicyHistory>;

/** `POST /sla/preview`: a policy not yet published, and when its stages would start (now by default). */
export const SlaDraftPreviewBody = z.object({
  policy: SlaPolicyInput,
  at: z.iso.datetime({ offset: true }).optional().openapi({ example: '2025-09-30T16:00:00+08:00' }),
});
export type SlaDraftPreviewBody = z.input<typeof SlaDraftPreviewBody>;

/** The deadlines a draft gives each stage starting at the same moment, on the live calendar. */
export const SlaDraftPreview = z
  .object({
    respond: Deadline,
    /** A directed request's exclusive window inside the respond stage. */
    exclusiveUntil: z.string(),
    contact: Deadline,
    decide: Deadline,
  })
  .openapi('SlaDraftPreview');
export type SlaDraftPreview = z.output<typeof SlaDraftPreview>;
