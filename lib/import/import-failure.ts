/**
 * An import that cannot succeed as configured (Amplitude refused the credentials or the range,
 * Braze refused the key or endpoint, the sync sends nothing the import could send): the run stops
 * as failed with this message for the user, and is not retried until someone resumes it.
 */
export class ImportFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFailure';
  }
}
