/** The body of every management API error: one shape, read by lib/client. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    /** Messages per form field, keyed by the field's path (`eventSelection.rules.0.eventType`). */
    issues?: Record<string, string[]>;
  };
}
