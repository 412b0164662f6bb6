import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the scripted server saw it. */
export type RecordedRequest = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

export type ScriptedReply = {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Never answer, to exercise timeouts. */
  hang?: boolean;
  /** Read the whole request, then cut the connection without answering. */
  cut?: boolean;
};

export type ScriptedServer = { baseUrl: string; requests: RecordedRequest[]; close: () => Promise<void> };

/** A real `node:http` server on 127.0.0.1 that answers each request with `reply(request)`. */
export async function startScriptedServer(reply: (request: RecordedRequest) => ScriptedReply): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      const answer = reply(request);
      if (answer.hang) return;
      if (answer.cut) {
        req.socket.destroy();
        return;
      }
      const isText = typeof answer.body === 'string';
      const text = answer.body === undefined ? '' : isText ? (answer.body as string) : JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'content-type': isText ? 'text/html' : 'application/json', ...answer.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A local port with nothing listening, for connection-refused cases. */
export async function findClosedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
