import type { SlaContext } from '../clock/clock';
import type { Database } from '../db/client';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { loanPrograms } from './loan-programs';
import {
  activateProgram,
  closeProgram,
  createProgram,
  getProgram,
  listPrograms,
  previewSubsidy,
  updateProgram,
} from './programs';
import {
  LoanProgramsView,
  PreviewQuery,
  PreviewView,
  ProgramChange,
  ProgramInput,
  ProgramPage,
  ProgramQuery,
  ProgramView,
} from './views';

const ById = z.object({ id: z.string().uuid() });
const BUREAU = ['bureau'] as const;

/** The fiscal programs (政策项目): read by anyone while active, run by the funding region's bureau. */
export function programRoutes({ db, sla }: { db: Database; sla: SlaContext }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/programs',
      tag: 'fiscal',
      summary: "Active programs; a bureau also sees its region's drafts and closed ones",
      access: 'public',
      query: ProgramQuery,
      response: ProgramPage,
      handler: ({ actor, query }) => listPrograms(db, actor, query),
    }),
    defineRoute({
      method: 'post',
      path: '/programs',
      tag: 'fiscal',
      summary: "Drafts a program funded by the bureau's own region",
      access: BUREAU,
      body: ProgramInput,
      status: 201,
      response: ProgramView,
      handler: ({ actor, body }) => createProgram(db, actor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/programs/:id',
      tag: 'fiscal',
      summary: 'One program with its budget: committed, paid and remaining',
      access: 'public',
      params: ById,
      response: ProgramView,
      handler: ({ actor, params }) => getProgram(db, actor, params.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/programs/:id',
      tag: 'fiscal',
      summary: 'Changes a draft; an active program only its name, end and budget',
      access: BUREAU,
      params: ById,
      body: ProgramChange,
      errors: ['INVALID_STATE'],
      response: ProgramView,
      handler: ({ actor, params, body }) => updateProgram(db, actor, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/programs/:id/activate',
      tag: 'fiscal',
      summary: 'A draft goes live; loans already disbursed in its period enrol',
      access: BUREAU,
      params: ById,
      errors: ['INVALID_STATE'],
      response: ProgramView,
      handler: ({ actor, params }) => activateProgram(db, sla, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/programs/:id/close',
      tag: 'fiscal',
      summary: 'Closes an active program: no new claims',
      access: BUREAU,
      params: ById,
      errors: ['INVALID_STATE'],
      response: ProgramView,
      handler: ({ actor, params }) => closeProgram(db, sla, actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/programs/:id/preview',
      tag: 'fiscal',
      summary: 'What an interest subsidy would pay on a principal over a period (days from `from` to `to`)',
      access: 'public',
      params: ById,
      query: PreviewQuery,
      errors: ['INVALID_STATE'],
      response: PreviewView,
      handler: ({ actor, params, query }) => previewSubsidy(db, actor, params.id, query),
    }),
    defineRoute({
      method: 'get',
      path: '/loan-requests/:id/programs',
      tag: 'fiscal',
      summary: 'The programs a disbursed loan is enrolled in, or those a request would qualify for',
      access: 'authenticated',
      params: ById,
      response: LoanProgramsView,
      handler: ({ actor, params }) => loanPrograms(db, sla, actor, params.id),
    }),
  ];
}
