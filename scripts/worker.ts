/**
 * `npm run worker`: one more delivery worker and nothing else — no preparation (run `npm start`
 * or `node dist/scripts/start.js --prepare-only` for that), restarted when it crashes, with the
 * configuration's heap limits and the worker's allocator settings, as `npm start` gives its own
 * worker. Several may run on one machine: DATA_DIR/pids.json names the processes of `npm start`
 * only.
 */
import { envOrExit } from '@/lib/env';
import { stopGraceMs, workerPart } from './product-parts';
import { supervise } from './supervisor';

const config = envOrExit();
supervise([workerPart(config, false)], { stopGraceMs: stopGraceMs(config) });
