/**
 * Puts a fake's HTTP server on host:port (0: any free port) and gives its URL, and a close that
 * also cuts held (fault-injected) and keep-alive connections, which would otherwise keep it waiting.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function listenForFake(server: Server, port = 0, host = '127.0.0.1'): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
