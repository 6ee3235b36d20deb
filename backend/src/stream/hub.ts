import type { Response } from 'express';
import { endedCredentialsChannel, type Credential, type EndedCredentials } from '../auth/credentials';
import type { Logger } from '../logger';
import { createRedis, subscribeWhileConnected, type Redis } from '../queue/redis';
import { messagesFor, readStreamEvent, type StreamEvent, type Subscriber } from './audience';

/** The Redis channel that carries stream events from the workers to every API process. */
const streamChannel = (prefix: string) => `${prefix}:stream`;

export function publishStreamEvent(redis: Redis, prefix: string, event: StreamEvent): Promise<number> {
  return redis.publish(streamChannel(prefix), JSON.stringify(event));
}

function writeEvent(res: Response, subscriber: Subscriber, event: StreamEvent): void {
  // A stream closed meanwhile (its credential ended) takes no more writes.
  if (res.writableEnded) return;
  for (const m of messagesFor(event, subscriber)) {
    res.write(`id: ${event.id}\nevent: ${m.event}\ndata: ${JSON.stringify(m.data)}\n\n`);
  }
}

/**
 * One connected `GET /stream` client, open as long as the session or token it signed in with.
 * Live events wait while its missed events are replayed.
 */
export class StreamClient {
  private pending: StreamEvent[] | null = [];
  private readonly replayed = new Set<string>();

  constructor(
    readonly subscriber: Subscriber,
    readonly credential: Credential,
    private readonly res: Response,
  ) {}

  endedBy(ended: EndedCredentials): boolean {
    return 'userId' in ended ? ended.userId === this.credential.userId : ended.key === this.credential.key;
  }

  /** Ends the response; the client's reconnect is then authenticated afresh. */
  close(): void {
    this.res.end();
  }

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

/**
 * Per API process: one Redis subscription fanned out to the connected clients. It also hears of
 * ended sessions and tokens (logout, revocation, a disabled account) from any API process, and
 * closes the streams they opened at once.
 */
export function createStreamHub(redisUrl: string, prefix: string, logger: Logger) {
  const subscription = createRedis(redisUrl);
  const clients = new Set<StreamClient>();
  const endedChannel = endedCredentialsChannel(prefix);
  const closeAll = () => {
    for (const client of clients) client.close();
    clients.clear();
  };
  let subscribedBefore = false;
  // Resubscribed after an outage: what was announced meanwhile is lost, so every stream closes;
  // each client reconnects through authentication and resumes from its Last-Event-ID.
  const ready = subscribeWhileConnected(subscription, [streamChannel(prefix), endedChannel], () => {
    if (subscribedBefore) closeAll();
    subscribedBefore = true;
  });
  subscription.on('message', (channel: string, message: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch (err) {
      logger.warn({ err, channel }, 'ignoring a malformed stream message');
      return;
    }
    if (channel === endedChannel) {
      for (const client of clients) {
        if (client.endedBy(parsed as EndedCredentials)) {
          clients.delete(client);
          client.close();
        }
      }
    } else {
      const { id, type, payload } = parsed as StreamEvent;
      let event: StreamEvent;
      try {
        event = readStreamEvent(id, type, payload);
      } catch (err) {
        logger.warn({ err, channel }, 'ignoring a stream message the event catalogue does not describe');
        return;
      }
      for (const client of clients) client.deliver(event);
    }
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
