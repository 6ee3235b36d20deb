import type { Response } from 'express';
import type { Logger } from '../logger';
import { createRedis, subscribeWhileConnected, type Redis } from '../queue/redis';
import { messagesFor, type StreamEvent, type Subscriber } from './audience';

/** The Redis channel that carries stream events from the workers to every API process. */
export const streamChannel = (prefix: string) => `${prefix}:stream`;

export function publishStreamEvent(redis: Redis, prefix: string, event: StreamEvent): Promise<number> {
  return redis.publish(streamChannel(prefix), JSON.stringify(event));
}

export function writeEvent(res: Response, subscriber: Subscriber, event: StreamEvent): void {
  for (const m of messagesFor(event, subscriber)) {
    res.write(`id: ${event.id}\nevent: ${m.event}\ndata: ${JSON.stringify(m.data)}\n\n`);
  }
}

/** One connected `GET /stream` client. Live events wait while its missed events are replayed. */
export class StreamClient {
  private pending: StreamEvent[] | null = [];
  private readonly replayed = new Set<string>();

  constructor(
    readonly subscriber: Subscriber,
    private readonly res: Response,
  ) {}

  deliver(event: StreamEvent): void {
    if (this.pending) this.pending.push(event);
    else writeEvent(this.res, this.subscriber, event);
  }

  /** Sends what the client missed, then whatever arrived live meanwhile, once each. */
  finishReplay(missed: StreamEvent[]): void {
    for (const event of missed) {
      this.replayed.add(event.id);
      writeEvent(this.res, this.subscriber, event);
    }
    const live = this.pending ?? [];
    this.pending = null;
    for (const event of live) if (!this.replayed.has(event.id)) writeEvent(this.res, this.subscriber, event);
  }
}

/** Per API process: one Redis subscription fanned out to the connected clients. */
export function createStreamHub(redisUrl: string, prefix: string, logger: Logger) {
  const subscription = createRedis(redisUrl);
  const clients = new Set<StreamClient>();
  const ready = subscribeWhileConnected(subscription, streamChannel(prefix));
  subscription.on('message', (_channel: string, message: string) => {
    let event: StreamEvent;
    try {
      event = JSON.parse(message) as StreamEvent;
    } catch (err) {
      logger.warn({ err }, 'ignoring a malformed stream event');
      return;
    }
    for (const client of clients) client.deliver(event);
  });
  return {
    ready,
    add: (client: StreamClient) => void clients.add(client),
    remove: (client: StreamClient) => void clients.delete(client),
    get size() {
      return clients.size;
    },
    close: () => subscription.disconnect(),
  };
}
export type StreamHub = ReturnType<typeof createStreamHub>;
