/**
 * Forward to Amplitude, as the Settings form holds it and the API saves it: one schema for both.
 * The API key is write-only: blank keeps the stored one (or the ingestion key when none is stored).
 */
import { z } from 'zod';
import type { RegionOption } from '@/lib/forward/endpoints';

export const forwardSettingsSchema = z.object({
  enabled: z.boolean(),
  region: z.string().trim().min(1, 'Choose a region').max(500),
  /** Amplitude API keys are 32 hex characters; any key of letters, digits, "_" and "-" is taken. */
  apiKey: z
    .string()
    .trim()
    .max(200)
    .regex(/^[A-Za-z0-9_-]*$/, 'Enter the API key as Amplitude shows it: letters and digits only')
    .default(''),
  /** Forget the stored key and forward with the ingestion key again. */
  useIngestionKey: z.boolean().default(false),
});

export type ForwardSettingsInput = z.output<typeof forwardSettingsSchema>;
export type ForwardSettingsFormValues = z.input<typeof forwardSettingsSchema>;

export interface ForwardSettingsView {
  enabled: boolean;
  region: string;
  /** Last four characters of the stored key; null when forwarding uses the ingestion key. */
  apiKeyLast4: string | null;
  regions: RegionOption[];
  /** Why the stored region cannot be called by this server, if it cannot. */
  problem: string | null;
}
