import { describe, expect, it } from 'vitest';
import { createTestPlatform } from '../testing/platform';
import { createCatalogSnapshot } from './snapshot';

describe('the catalog snapshot', () => {
  it('passes a failed load to its callers and loads afresh on the next call, leaving no unhandled rejection', async () => {
    const t = await createTestPlatform();
    const snapshot = createCatalogSnapshot(t.platform.db, 60_000);
    expect((await snapshot.listed()).length).toBeGreaterThan(0);
    snapshot.invalidate();
    // The database goes away: every load fails (an unhandled rejection would fail this test run).
    await t.close();
    await expect(snapshot.listed()).rejects.toThrow();
    snapshot.invalidate();
    await expect(snapshot.listed()).rejects.toThrow();
  });
});
