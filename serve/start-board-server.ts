/**
 * Start the board on a host and port (127.0.0.1 unless told otherwise) and hand back its address
 * and a way to stop it. Port 0 picks a free port (tests).
 */
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createBoardApp, type BoardOptions } from './create-board-app.ts';

/** A running board. */
export interface BoardServer {
  /** `http://host:port` */
  readonly url: string;
  /** Stop accepting connections and close the open ones. */
  close(): Promise<void>;
}

/** Listen on `host:port` with the board for `options`. */
export async function startBoardServer(
  options: BoardOptions & { readonly host: string; readonly port: number },
): Promise<BoardServer> {
  const server = createAdaptorServer({ fetch: createBoardApp(options).fetch });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
