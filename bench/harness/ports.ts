/** A free TCP port on 127.0.0.1 in a range, picked at random so parallel runs do not collide. */
import net from 'node:net';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function pickFreePort(from = 3300, to = 3399): Promise<number> {
  const candidates = Array.from({ length: to - from + 1 }, (_, i) => from + i).sort(() => Math.random() - 0.5);
  for (const port of candidates) if (await isFree(port)) return port;
  throw new Error(`no free port in ${from}–${to}`);
}
