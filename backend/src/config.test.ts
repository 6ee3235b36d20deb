import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration from the environment', () => {
  it('runs on embedded defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      PGLITE_DIR: './data/pglite',
      REDIS_URL: 'redis://127.0.0.1:6379',
      DEMO_DATA: true,
    });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('names every bad value, one line each', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'localhost:6379' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT="eighty": /m);
      expect(problems).toMatch(/^DATABASE_URL="mysql:\/\/x": must be a postgres/m);
      expect(problems).toMatch(/^REDIS_URL="localhost:6379": must be a redis/m);
    }
  });

  it('refuses production without a session secret, and demo data in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET.*required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DEMO_DATA: 'true' })).toThrow(
      /DEMO_DATA/,
    );
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }).DEMO_DATA).toBe(false);
  });
});
