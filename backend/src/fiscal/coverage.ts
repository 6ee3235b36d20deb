import type { ProgramCoverage, ProgramMark } from '../catalog/coverage';
import type { SlaContext } from '../clock/clock';
import type { Database } from '../db/client';
import { shanghaiDay } from '../requests/stage-rules';
import { activePrograms, cityCodeOf, programRule, type ProgramRow } from './program-scope';
import { coversProduct } from './rules';

/** How long a process keeps the active programs before reading them again (they change a few times a year). */
const PROGRAMS_MAX_AGE_MS = 5_000;

/**
 * The catalog's marks (「可享贴息」「风险补偿」): which active programs, running today or later,
 * could cover each listed product. The catalog is read on every visit; the programs are few and
 * kept for a few seconds.
 */
export function programCoverage(db: Database, sla: SlaContext): ProgramCoverage {
  let held: { at: number; programs: Promise<{ program: ProgramRow; rule: ReturnType<typeof programRule> }[]> } | null =
    null;
  const running = () => {
    if (!held || Date.now() - held.at > PROGRAMS_MAX_AGE_MS) {
      const programs = Promise.all([activePrograms(db), cityCodeOf(db)]).then(([rows, cityCode]) =>
        rows.map((program) => ({ program, rule: programRule(program, cityCode) })),
      );
      held = { at: Date.now(), programs };
      programs.catch(() => (held = null));
    }
    return held.programs;
  };
  return async (entries) => {
    const today = shanghaiDay(sla.now());
    const programs = (await running()).filter(({ program }) => program.endsOn >= today);
    const marks = new Map<string, ProgramMark[]>();
    for (const { terms } of entries) {
      const covering = programs.filter(({ rule }) => coversProduct(rule, terms));
      if (covering.length) {
        marks.set(
          terms.id,
          covering.map(({ program }) => ({ id: program.id, name: program.name, kind: program.kind })),
        );
      }
    }
    return marks;
  };
}
