import { createCommerceFoundation, createCommerceServer, databaseLabel } from '../../index.js';
import { exitCodes, type CliIO } from '../CliIO.js';

export interface ServeOptions {
  readonly port?: number;
  readonly host?: string;
  readonly version: string;
}

/**
 * `commerce serve`: the foundation as an HTTP service until SIGTERM or SIGINT, which stop accepting, let requests in
 * flight finish (within server.shutdownTimeoutSeconds), close the foundation and end with 0. Access logs are JSON
 * lines on stdout (pino, level COMMERCE_LOG_LEVEL or info).
 */
export async function serveCommand(root: string, options: ServeOptions, io: CliIO): Promise<number> {
  const port = options.port ?? (process.env['PORT'] ? Number(process.env['PORT']) : 8080);
  const host = options.host ?? process.env['HOST'] ?? '127.0.0.1';
  const foundation = await createCommerceFoundation({ root });
  let server;
  try {
    server = createCommerceServer(foundation, { port, host, version: options.version, logger: { level: process.env['COMMERCE_LOG_LEVEL'] ?? 'info' } });
    const url = await server.listen();
    io.out(`commerce serve: listening on ${url} (${databaseLabel(foundation.database.config)}); SIGTERM or SIGINT stops it`);
  } catch (error) {
    await foundation.close();
    throw error;
  }
  const running = server;
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  io.err(`commerce serve: ${signal}: finishing the requests in flight`);
  await running.close();
  await foundation.close();
  io.err('commerce serve: stopped');
  return exitCodes.ok;
}
