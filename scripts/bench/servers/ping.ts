/**
 * The bare Express 5 app of `baseline.express`: default settings, no middleware, one route.
 * Started as a child process by lib/child-server.ts, which passes HOST and PORT.
 */
import express from 'express';

const app = express();
app.get('/ping', (_req, res) => {
  res.json({ ok: true });
});
app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1', (error) => {
  if (error) throw error;
});
