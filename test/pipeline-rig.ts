/**
 * The whole pipeline for one test file: a fake Braze over HTTP, the ingestion API in the test
 * process and a worker process, against the run's Postgres and Redis; stopped after the file.
 */
import { afterAll, beforeAll } from 'vitest';
import { disconnectPrisma } from '@/lib/db/prisma';
import { startFakeBraze, type FakeBraze, type FakeBrazeOptions } from '@/test/fakes/braze';
import { closeQueues } from '@/lib/queue/queues';
import { startIngestServer, type IngestServer } from '@/test/ingest-server';
import { startProcess, waitForOutput, type RunningProcess } from '@/test/processes';

export interface PipelineRig {
  braze: FakeBraze;
  ingest: IngestServer;
  worker: RunningProcess;
}

export function pipelineForFile(opts: { queueSuffix?: string; braze?: FakeBrazeOptions; workerEnv?: Record<string, string> } = {}): PipelineRig {
  const rig = {} as PipelineRig;
  beforeAll(async () => {
    rig.braze = await startFakeBraze(opts.braze);
    // Configuration is read once per process: set it before anything reads it.
    process.env.BRAZE_CUSTOM_ENDPOINTS = rig.braze.url;
    if (opts.queueSuffix) process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}-${opts.queueSuffix}`;
    rig.ingest = await startIngestServer();
    rig.worker = startProcess('worker/main.ts', {
      BRAZE_CUSTOM_ENDPOINTS: rig.braze.url,
      ...(process.env.QUEUE_PREFIX ? { QUEUE_PREFIX: process.env.QUEUE_PREFIX } : {}),
      LOG_LEVEL: 'info',
      ...opts.workerEnv,
    });
    await waitForOutput(rig.worker, /worker started/);
  });
  afterAll(async () => {
    await rig.worker?.kill('SIGTERM');
    await rig.ingest?.close();
    await rig.braze?.close();
    await closeQueues();
    await disconnectPrisma();
  });
  return rig;
}
