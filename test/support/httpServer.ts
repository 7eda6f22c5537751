import { connect } from 'node:net';
import { createCommerceServer, type CommerceServer, type CommerceServerOptions } from '../../src/index.js';
import type { Started } from './startFoundation.js';

export interface Serving {
  readonly url: string;
  readonly server: CommerceServer;
  /** POSTs a body (an object as JSON) to a path; the answer's status, headers and parsed body. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
  get(path: string): Promise<Answer>;
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: Record<string, unknown>;
}

const servers = new Set<CommerceServer>();

/** Closes every server a test started and left open. */
export async function closeServers(): Promise<void> {
  for (const server of [...servers]) {
    servers.delete(server);
    await server.close();
  }
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = {};
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** A real, listening HTTP service over a started foundation, on a free port of 127.0.0.1. */
export async function serve(started: Pick<Started, 'foundation'>, options: CommerceServerOptions = {}): Promise<Serving> {
  const server = createCommerceServer(started.foundation, { port: 0, ...options });
  servers.add(server);
  const url = await server.listen();
  return {
    url,
    server,
    async post(path, body, headers = {}) {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return answer(response);
    },
    async get(path) {
      return answer(await fetch(`${url}${path}`));
    },
  };
}

/**
 * Sends raw bytes over TCP, then waits: resolves what the server wrote once it closes the connection, or 'still open'
 * once `waitMs` have passed.
 */
export function rawExchange(url: string, chunks: readonly string[], waitMs: number): Promise<{ closed: boolean; received: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let received = '';
    const socket = connect(Number(port), hostname, () => {
      for (const chunk of chunks) socket.write(chunk);
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ closed: false, received });
    }, waitMs);
    socket.on('data', (data) => (received += data.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closed: true, received });
    });
  });
}
