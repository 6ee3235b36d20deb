/**
 * The floor under the claim race (`baseline.claim-race`): bare Express 5, a pg Pool of 20 (the
 * platform's size) and one route that runs the raw conditional UPDATE (one statement, one round
 * trip, atomic on its own) and answers 200 or 409: no authentication, validation or bookkeeping.
 * The bearer token is the claimant. Started by lib/child-server.ts with HOST, PORT and
 * DATABASE_URL; the suite creates the table.
 */
import express from 'express';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const CLAIM = `UPDATE floor_claims SET status = 'claimed', claimed_by = $1 WHERE id = $2 AND status = 'open' RETURNING id`;

const app = express();
app.get('/ready', (_req, res) => void res.json({ ok: true }));
app.post('/api/v1/loan-requests/:id/claim', async (req, res) => {
  const claimant = req.headers.authorization?.slice('Bearer '.length) ?? '';
  try {
    const { rowCount } = await pool.query(CLAIM, [claimant, req.params.id]);
    if (rowCount) res.json({ id: req.params.id, status: 'claimed' });
    else res.status(409).json({ error: { code: 'ALREADY_CLAIMED' } });
  } catch (error) {
    res.status(500).json({ error: String(error) });
  }
});
app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1', (error) => {
  if (error) throw error;
});
