import { getBrazeJson, type PostOptions } from '@/lib/braze/http';
import { redactStrings } from '@/lib/braze/redact';
import { parseJsonBody, snippetOf } from '@/lib/braze/response-body';
import { z } from 'zod';

/** One custom attribute as `GET /custom_attributes` lists it (Braze "Export custom attributes"). */
export type DeclaredAttribute = { name: string; dataType: string; arrayLength: number | null; blocklisted: boolean };

export type AttributeExport =
  | { kind: 'declared'; attributes: DeclaredAttribute[] }
  /** The key may not read them (401/403): the guard remembers first types instead. */
  | { kind: 'no_permission'; reason: string }
  | { kind: 'failed'; reason: string };

const pageSchema = z.object({
  message: z.literal('success'),
  attributes: z.array(
    z.object({
      name: z.string(),
      data_type: z.string().nullish(),
      array_length: z.number().nullish(),
      status: z.string().nullish(),
    }),
  ),
});

/**
 * Pages are 50 attributes each, and the endpoint's 1,000 requests per hour are shared with
 * /events and /purchases/product_list: 40 pages (2,000 attributes) per refresh, refreshed at
 * most hourly, stays far inside that budget.
 */
export const MAX_EXPORT_PAGES = 40;

/** The `cursor` of the `rel="next"` entry of an RFC 8288 Link header, or null on the last page. */
export function nextCursorOf(link: string | null): string | null {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (!match || !/\brel="?next"?/i.test(match[2]!)) continue;
    try {
      return new URL(match[1]!, 'http://link.invalid').searchParams.get('cursor');
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Read every declared custom attribute of the workspace, following the Link header's cursor.
 * Only the cursor is taken from the link: each page is asked of the same allow-listed endpoint,
 * so the key never goes where a header points.
 */
export async function exportCustomAttributes(options: PostOptions): Promise<AttributeExport> {
  const attributes: DeclaredAttribute[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_EXPORT_PAGES; page++) {
    const path = cursor === null ? '/custom_attributes' : `/custom_attributes?cursor=${encodeURIComponent(cursor)}`;
    const exchange = await getBrazeJson(options, path);
    if (exchange.kind === 'refused') return { kind: 'failed', reason: `Not asked: ${exchange.reason}.` };
    if (exchange.kind === 'failed') return { kind: 'failed', reason: `Braze's custom attributes could not be read (${exchange.failure}).` };
    if (exchange.status === 401 || exchange.status === 403) {
      return { kind: 'no_permission', reason: `Braze answered ${exchange.status}: the key lacks the custom_attributes.get permission.` };
    }
    const parsed = pageSchema.safeParse(parseJsonBody(exchange.text));
    if (exchange.status !== 200 || !parsed.success) {
      const reason = `Braze answered ${exchange.status} to GET /custom_attributes: ${snippetOf(exchange.text)}`;
      return redactStrings({ kind: 'failed', reason }, options.apiKey);
    }
    for (const a of parsed.data.attributes) {
      attributes.push({ name: a.name, dataType: a.data_type ?? '', arrayLength: a.array_length ?? null, blocklisted: a.status === 'Blocklisted' });
    }
    cursor = nextCursorOf(exchange.headers.get('link'));
    if (cursor === null) return { kind: 'declared', attributes };
  }
  return { kind: 'declared', attributes };
}
