/**
 * Exit codes the supervisor of `npm start` (scripts/supervisor.ts) acts on. A process that
 * crashed is restarted; one that exits with `EXIT_CANNOT_RUN` has said in its last log line why
 * no restart can help (its port is taken by another program, say), so the product stops
 * instead of retrying for ever. 78 is EX_CONFIG of sysexits.h.
 */
export const EXIT_CANNOT_RUN = 78;
