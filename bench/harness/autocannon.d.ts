/** The part of autocannon 8's programmatic API the load generator uses (the package has no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface AutocannonRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest | null;
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
  }

  /** A connection. `reqsMade` and `responseMax` are read and set by the load generator to stop gracefully. */
  interface AutocannonClient extends EventEmitter {
    reqsMade: number;
    responseMax?: number;
  }

  interface AutocannonOptions {
    url: string;
    connections?: number;
    pipelining?: number;
    duration?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    requests?: AutocannonRequest[];
    setupClient?: (client: AutocannonClient) => void;
  }

  interface AutocannonResult {
    errors: number;
    timeouts: number;
    duration: number;
    statusCodeStats: Record<string, { count: number }>;
  }

  type Callback = (err: Error | null, result: AutocannonResult) => void;

  function autocannon(options: AutocannonOptions, callback: Callback): EventEmitter;
  export default autocannon;
  export type { AutocannonClient, AutocannonOptions, AutocannonRequest, AutocannonResult };
}
