/**
 * Where the import benchmark's fake Export API will listen, fixed when this module is first
 * loaded and added to `AMPLITUDE_CUSTOM_ENDPOINTS` before the run's set-up reads the
 * configuration (the same reason and pattern as bench/scenarios/delivery/endpoint.ts).
 */
import { pickFreePort } from '@/bench/harness/ports';

export const FAKE_EXPORT_URL = `http://127.0.0.1:${await pickFreePort(4400, 4499)}`;

process.env.AMPLITUDE_CUSTOM_ENDPOINTS = [process.env.AMPLITUDE_CUSTOM_ENDPOINTS, FAKE_EXPORT_URL].filter(Boolean).join(',');
