/**
 * Where the delivery benchmark's fake Braze will listen, fixed when this module is first loaded.
 *
 * The product only calls Braze URLs it allows: `BRAZE_CUSTOM_ENDPOINTS` must list the fake, in the
 * worker's environment and in the benchmark process itself (`createSync` checks the endpoint
 * there). `lib/env` parses `process.env` once and keeps it, and the run's set-up reads it (its
 * Redis and Postgres connections) before any scenario runs; `bench/main.ts`, however, loads every
 * scenario module before that set-up. So the port is chosen here, at load time, from a range the
 * app's ports (3300–3399) do not use, and added to `process.env`: the run's set-up, the app and
 * every worker then see it. The fake starts on that port when the scenario runs; should another
 * program have taken it in between, the scenario stops with a message saying so.
 */
import { pickFreePort } from '@/bench/harness/ports';

export const FAKE_BRAZE_URL = `http://127.0.0.1:${await pickFreePort(4300, 4399)}`;

process.env.BRAZE_CUSTOM_ENDPOINTS = [process.env.BRAZE_CUSTOM_ENDPOINTS, FAKE_BRAZE_URL].filter(Boolean).join(',');
