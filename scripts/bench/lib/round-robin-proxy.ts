import { once } from 'node:events';
import net from 'node:net';

/** One port in front of several API processes, as a load balancer would put them. */
export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Connections handed to each upstream so far, in the order the upstreams were given. */
  readonly connections: readonly number[];
  /** Stops listening and cuts every connection still open. */
  close(): Promise<void>;
}

/** A TCP proxy on a free loopback port: each new connection goes to the next upstream in turn. */
export async function startRoundRobinProxy(origins: readonly string[]): Promise<RoundRobinProxy> {
  const upstreams = origins.map((origin) => new URL(origin));
  const connections = upstreams.map(() => 0);
  const sockets = new Set<net.Socket>();
  let next = 0;
  const server = net.createServer((client) => {
    const index = next++ % upstreams.length;
    connections[index]!++;
    const upstream = net.connect(Number(upstreams[index]!.port), upstreams[index]!.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    connections,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
