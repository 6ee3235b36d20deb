/**
 * Shares one computation among identical reads that arrive while it runs, for heavy read-only
 * figures many users ask for at once (the bureau dashboard). Nothing computed before a caller
 * arrived is served to it: a caller that finds its computation under way waits for it to end and
 * shares the next one, which starts after every caller in it arrived — a user who has just written
 * something sees it. At most two computations per key run at a time, however many callers come.
 */
export function createReadCoalescer() {
  interface Flight {
    done: Promise<unknown>;
    /** The computation the callers who came during this one share. */
    next?: Promise<unknown>;
  }
  const flights = new Map<string, Flight>();
  const ignore = () => undefined;

  function launch<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const done = compute();
    const flight: Flight = { done };
    flights.set(key, flight);
    const land = () => {
      if (flights.get(key) === flight) flights.delete(key);
    };
    done.then(land, land);
    return done;
  }

  return function coalesce<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const flight = flights.get(key);
    if (!flight) return launch(key, compute);
    flight.next ??= flight.done.then(ignore, ignore).then(() => launch(key, compute));
    return flight.next as Promise<T>;
  };
}
