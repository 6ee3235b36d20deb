import { useEffect, useState } from 'react';

/** The current time, renewed every `intervalMs`: for "waiting 5 minutes" that keeps counting. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
