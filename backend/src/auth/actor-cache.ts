import { LRUCache } from 'lru-cache';
import { createRedis, subscribeWhileConnected, type Redis } from '../queue/redis';
import type { Actor } from '../access/roles';

/** The Redis channel on which any API process announces a changed account (by user id). */
const accountsChannel = (prefix: string) => `${prefix}:accounts`;
/** Enough for every client of a busy process; the least recently used go first. */
const MAX_ENTRIES = 10_000;

/** What a lookup found: the actor, and when the credential it came from stops being valid. */
export interface Resolved {
  actor: Actor;
  expiresAt?: Date;
}

/**
 * Actors resolved from bearer tokens and sessions, kept in this process for a few seconds so that
 * a client's burst of requests costs one query. A changed account (disabled, counties moved) is
 * announced on Redis and every API process drops it at once, so a disabled account still loses
 * access immediately. While the subscription is down an announcement could be missed, so nothing
 * is served from the cache until it is back.
 */
export function createActorCache(deps: { redis: Redis; redisUrl: string; prefix: string; ttlMs: number }) {
  const { redis, prefix, ttlMs } = deps;
  const channel = accountsChannel(prefix);
  const cache = new LRUCache<string, Resolved>({ max: MAX_ENTRIES, ttl: ttlMs });
  /** Bumped by every drop: a lookup that began before it must not store what it read. */
  let generation = 0;
  let live = false;

  const drop = (userId?: string) => {
    generation++;
    if (userId === undefined) return cache.clear();
    for (const [key, { actor }] of cache.entries()) if (actor.id === userId) cache.delete(key);
  };

  const subscription = createRedis(deps.redisUrl);
  subscription.on('message', (_channel: string, userId: string) => drop(userId));
  // (Re)connected: whatever was announced meanwhile is unknown, so start empty once subscribed.
  const ready = subscribeWhileConnected(subscription, channel, () => {
    drop();
    live = true;
  });
  subscription.on('close', () => {
    live = false;
    drop();
  });

  return {
    /** Resolves once the first subscription is up (until then every lookup reads the database). */
    ready,
    /** What is cached under `key`, else `load()`'s, kept for the TTL but never past its `expiresAt`. */
    async resolve(key: string, load: () => Promise<Resolved | null>): Promise<Resolved | null> {
      const cached = live ? cache.get(key) : undefined;
      if (cached) return cached;
      const started = generation;
      const resolved = await load();
      if (!resolved) return null;
      const ttl = Math.min(ttlMs, (resolved.expiresAt?.getTime() ?? Infinity) - Date.now());
      if (live && generation === started && ttl > 0) cache.set(key, resolved, { ttl });
      return resolved;
    },
    /** Call after changing an account: this process forgets it now, the others when Redis tells them. */
    async accountChanged(userId: string): Promise<void> {
      drop(userId);
      await redis.publish(channel, userId);
    },
    close: () => subscription.disconnect(),
  };
}

export type ActorCache = ReturnType<typeof createActorCache>;
