import { fileURLToPath } from 'node:url';
import { withChildServer } from '../lib/child-server';
import type { BenchSuite } from '../suite';

const CONNECTIONS = 50;
const PING_SERVER = fileURLToPath(new URL('../servers/ping.ts', import.meta.url));

export const baselineExpress: BenchSuite = {
  name: 'baseline.express',
  title: 'Baseline: bare Express 5',
  async run(ctx) {
    const load = await withChildServer({ script: PING_SERVER, readyPath: '/ping' }, ({ origin }) =>
      ctx.httpLoad({ url: `${origin}/ping`, connections: CONNECTIONS, seconds: ctx.seconds }),
    );
    ctx.note(
      `\`GET /ping\` → \`{"ok":true}\` from an Express 5 app with default settings in a child Node process; ` +
        `autocannon in the runner process, ${CONNECTIONS} connections, no pipelining.`,
    );
    ctx.note('Latencies are whole milliseconds (autocannon records 2xx latencies at 1 ms resolution).');
    return [
      { metric: 'baseline.express.rps', value: load.rps, unit: 'req/s' },
      { metric: 'baseline.express.p50', value: load.p50, unit: 'ms' },
      { metric: 'baseline.express.p99', value: load.p99, unit: 'ms' },
      { metric: 'baseline.express.errors', value: load.errors, unit: 'requests' },
      { metric: 'baseline.express.non2xx', value: load.non2xx, unit: 'responses' },
    ];
  },
};
