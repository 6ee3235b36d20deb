/** The harness only ever talks to servers it started itself, on this machine. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Throws unless `url` points at a loopback host; returns the parsed URL. */
export function assertLoopback(url: string, who: string): URL {
  const parsed = new URL(url);
  if (!LOOPBACK_HOSTS.has(parsed.hostname)) throw new Error(`${who} refuses non-loopback URL ${url}`);
  return parsed;
}
