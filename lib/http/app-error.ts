/** Typed errors of the domain; mapped to HTTP in one place (lib/http/errors). */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', 404, `${what} not found`);
export const invalidInput = (message: string, field?: string) => new AppError('invalid_input', 400, message, field);
