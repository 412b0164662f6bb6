/**
 * Where the forwarding benchmark's fake Amplitude listens, fixed when this module is first
 * loaded and added to AMPLITUDE_CUSTOM_ENDPOINTS before the run reads its configuration (see
 * bench/scenarios/delivery/endpoint.ts for why it must be this early). Ports 4500–4599 are used
 * by no other scenario.
 */
import { pickFreePort } from '@/bench/harness/ports';

export const FAKE_AMPLITUDE_URL = `http://127.0.0.1:${await pickFreePort(4500, 4599)}`;

process.env.AMPLITUDE_CUSTOM_ENDPOINTS = [process.env.AMPLITUDE_CUSTOM_ENDPOINTS, FAKE_AMPLITUDE_URL].filter(Boolean).join(',');
