import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ARCHETYPES, BRAND_CATALOG, RCB_CATALOG, table } from './tables';

describe('the seed tables', () => {
  it('load from data/ with each offer on its archetype and overrides', () => {
    const [name, archetype, text] = BRAND_CATALOG['中国工商银行']![0]!;
    expect([name, archetype, text]).toEqual(['经营快贷', ARCHETYPES.credit, undefined]);
    const [, grain] = BRAND_CATALOG['中国农业发展银行']![0]!;
    expect(grain).toEqual({ ...ARCHETYPES.policy, minTerm: [3, 6], maxTerm: [12] });
    // "restrict": null removes the archetype's restriction.
    const [, farm] = RCB_CATALOG.find(([n]) => n === '富民生产贷')!;
    expect(ARCHETYPES.farmer!.restrict).toBeDefined();
    expect(farm).toEqual({ ...ARCHETYPES.farmer, restrict: undefined });
  });

  it('stop at a table that does not fit, naming the file and every field at fault', () => {
    const schema = z.record(z.string(), z.strictObject({ min: z.array(z.number()), text: z.string() }));
    const broken = { tax: { min: [10, '20'], text: 'ok' }, credit: { min: [] } };
    expect(() => table('archetypes.json', schema, broken)).toThrow(
      /^seed table backend\/src\/seed\/data\/archetypes\.json does not fit its schema:\n {2}tax\.min\[1\]: .+\n {2}credit\.text: .+$/,
    );
    expect(() => table('roads.json', z.array(z.string()), 'x')).toThrow(/roads\.json[^\n]*\n {2}\(the whole table\): /);
  });
});
