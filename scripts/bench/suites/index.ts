import type { BenchSuite } from '../suite';
import { baselineBullmq } from './baseline-bullmq';
import { baselineClaimRace } from './baseline-claim-race';
import { baselineExpress } from './baseline-express';
import { baselineSql } from './baseline-sql';
import { catalog } from './catalog';
import { claims, claimsMulti } from './claims';
import { fiscal } from './fiscal';
import { poolLatency } from './pool-latency';
import { sla } from './sla';
import { supervision } from './supervision';

/** Every suite `npm run bench` runs, in order. Baselines come first so later suites can read them. */
export const suites: BenchSuite[] = [
  baselineExpress,
  baselineSql,
  baselineBullmq,
  baselineClaimRace,
  catalog,
  claims,
  claimsMulti,
  poolLatency,
  sla,
  supervision,
  fiscal,
];
