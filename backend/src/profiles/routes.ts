import type { SlaContext } from '../clock/clock';
import type { Database } from '../db/client';
import { defineRoute, parseInput, type RouteDef } from '../http/route';
import { shanghaiDay } from '../requests/stage-rules';
import { importPublicData } from './public-data';
import { getProfile, saveProfile } from './service';
import { receiveFile, uploadedFile } from './upload';
import { ImportFields, ImportReport, ProfileInput, ProfileView } from './views';

const APPLICANTS = ['enterprise', 'individual'] as const;

/** The applicant's own profile, and the bureau's import of public data into the enterprises' profiles. */
export function profileRoutes({ db, sla }: { db: Database; sla: SlaContext }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/me/profile',
      tag: 'profiles',
      summary: "The applicant's profile: each field with its source (self or import) and day",
      access: APPLICANTS,
      response: ProfileView,
      handler: ({ actor }) => getProfile(db, actor),
    }),
    defineRoute({
      method: 'put',
      path: '/me/profile',
      tag: 'profiles',
      summary: "Replaces the applicant's self-declared fields; unchanged values keep their day",
      access: APPLICANTS,
      body: ProfileInput,
      response: ProfileView,
      handler: ({ actor, body }) => saveProfile(db, actor, body, shanghaiDay(sla.now())),
    }),
    defineRoute({
      method: 'post',
      path: '/public-data/imports',
      tag: 'profiles',
      summary:
        'A bureau imports an extract (multipart: `file`, one CSV or XLSX keyed by `uscc`, and `source`): every row, or none and 422 with the refused rows',
      access: ['bureau'],
      errors: ['PAYLOAD_TOO_LARGE'],
      response: ImportReport,
      handler: async ({ actor, req, res, lang }) => {
        const file = await receiveFile(req, res);
        const { source } = parseInput(ImportFields, req.body, 'body', lang) as { source: string };
        const report = await importPublicData(db, actor, uploadedFile(file, source), shanghaiDay(sla.now()), lang);
        // Nothing was imported: the file must be corrected, the report says where.
        if (report.rejected.length) res.status(422).json(report);
        return report;
      },
    }),
  ];
}
