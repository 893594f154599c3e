import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type Fault = 'drop' | 'delay' | 'cut-request' | 'cut-response';

export interface FaultCounts {
  drop: number;
  delay: number;
  'cut-request': number;
  'cut-response': number;
  connections: number;
}

/**
 * A TCP proxy between desks and the registry that misbehaves on purpose, deciding with the random
 * source it is given: it drops a connection before passing anything, delays data, cuts a request body
 * or an answer halfway through (passing only part of the bytes, then closing both sides). It works on
 * the TLS bytes, as a broken network would: neither side can tell it from one.
 */
export class FaultProxy {
  readonly counts: FaultCounts = { drop: 0, delay: 0, 'cut-request': 0, 'cut-response': 0, connections: 0 };
  /** Bytes that went through, each way (what was on the wire). */
  readonly bytes = { up: 0, down: 0 };
  /** Chance that any one piece of data meets a fault (0 = a good network). */
  rate = 0;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(
    private target: { host: string; port: number },
    private readonly random: () => number,
  ) {}

  get faults(): number {
    return this.counts.drop + this.counts.delay + this.counts['cut-request'] + this.counts['cut-response'];
  }

  retarget(target: { host: string; port: number }) {
    this.target = target;
  }

  async start(): Promise<string> {
    this.server = createServer((client) => this.handle(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Ends every connection under way (a cut network), as a registry restart does too. */
  cutAll() {
    for (const socket of this.sockets) socket.destroy();
  }

  async close() {
    this.cutAll();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private pick(): Fault | null {
    if (this.random() >= this.rate) return null;
    const r = this.random();
    return r < 0.25 ? 'drop' : r < 0.45 ? 'delay' : r < 0.75 ? 'cut-request' : 'cut-response';
  }

  private handle(client: Socket) {
    this.counts.connections++;
    const upstream = connect(this.target.port, this.target.host);
    this.sockets.add(client).add(upstream);
    const kill = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => {
      this.sockets.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    client.on('error', kill);
    upstream.on('error', kill);
    const pass = (from: Socket, to: Socket, direction: 'request' | 'response') => {
      from.on('data', (chunk: Buffer) => {
        this.bytes[direction === 'request' ? 'up' : 'down'] += chunk.length;
        const fault = this.pick();
        if (!fault || (fault === 'cut-request' && direction === 'response') || (fault === 'cut-response' && direction === 'request')) {
          to.write(chunk);
          return;
        }
        this.counts[fault]++;
        if (fault === 'drop') return kill();
        if (fault === 'delay') {
          from.pause();
          setTimeout(() => {
            to.write(chunk);
            from.resume();
          }, 5 + Math.floor(this.random() * 40));
          return;
        }
        to.write(chunk.subarray(0, Math.floor(chunk.length / 2)), () => kill());
      });
    };
    pass(client, upstream, 'request');
    pass(upstream, client, 'response');
  }
}
