/**
 * The life of a standalone fake (`tsx test/fakes/<name>/main.ts`): started by `start`, closed on
 * SIGTERM or SIGINT (exit 0, or 1 if closing fails); a start that fails is one line on stderr and
 * exit 1.
 */
export function serveUntilSignalled(start: () => Promise<{ close: () => Promise<void> }>): void {
  start().then(
    (fake) => {
      const stop = (): void => {
        fake.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
