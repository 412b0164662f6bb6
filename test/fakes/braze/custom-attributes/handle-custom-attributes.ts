import type { RouteInput } from '@/test/fakes/braze/http/route-types';
import { jsonReply, type Reply } from '@/test/fakes/braze/http/reply';

// GET /custom_attributes (Braze "Export custom attributes"): 50 attributes per page, sorted by
// name, the next page named by a `cursor` in the Link header (the documented example cursor
// `c2tpcDow` is base64 of "skip:0", so cursors here are base64 of "skip:<n>").
export const PAGE_SIZE = 50;

function cursorOf(skip: number): string {
  return Buffer.from(`skip:${skip}`).toString('base64');
}

function skipOf(cursor: string | null): number | null {
  if (cursor === null) return 0;
  const match = /^skip:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : null;
}

export function handleCustomAttributes(input: RouteInput): Reply {
  const skip = skipOf(input.query.get('cursor'));
  if (skip === null) return jsonReply(400, { message: 'Invalid cursor' });
  const sorted = [...input.state.declaredAttributes.values()].sort((a, b) => a.name.localeCompare(b.name));
  const page = sorted.slice(skip, skip + PAGE_SIZE).map((a) => ({
    array_length: a.array_length ?? null,
    data_type: a.data_type,
    description: a.description ?? null,
    name: a.name,
    status: a.status ?? 'Active',
    tag_names: [],
  }));
  const links: string[] = [];
  const base = `${input.origin}/custom_attributes`;
  if (skip > 0) links.push(`<${base}?cursor=${cursorOf(Math.max(0, skip - PAGE_SIZE))}>; rel="prev"`);
  if (skip + PAGE_SIZE < sorted.length) links.push(`<${base}?cursor=${cursorOf(skip + PAGE_SIZE)}>; rel="next"`);
  return { ...jsonReply(200, { message: 'success', attributes: page }), ...(links.length > 0 ? { headers: { Link: links.join(',') } } : {}) };
}
