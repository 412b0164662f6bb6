/**
 * Realistic Amplitude events for the ingestion benchmark, shaped like the Browser SDK's: device
 * and session fields, an `insert_id` on every event, 10–20 event properties (strings, numbers,
 * booleans, a nested object, an array) and a few user properties under `$set`.
 *
 * Generation is seeded, so every run sends the same events. A pool of `POOL_EVENTS` events covers
 * `USERS` distinct users exactly once each, split into request bodies of `batchSize` events.
 */
import { createSeededRandom, type SeededRandom } from '@/bench/harness/seeded-random';

export const USERS = 10_000;
const POOL_EVENTS = 10_000;
/** Co-prime with USERS, so stepping by it visits every user once per USERS events. */
const USER_STRIDE = 7_919;

const EVENT_TYPES: { name: string; extra: string[] }[] = [
  { name: 'Page Viewed', extra: [] },
  { name: 'Button Clicked', extra: ['button_id', 'button_text'] },
  { name: 'Product Viewed', extra: ['product_id', 'sku', 'category', 'brand', 'price', 'currency', 'in_stock'] },
  { name: 'Product Added', extra: ['product_id', 'sku', 'category', 'brand', 'price', 'currency', 'quantity', 'position', 'tags'] },
  { name: 'Checkout Started', extra: ['cart', 'currency', 'coupon_code', 'step'] },
  { name: 'Order Completed', extra: ['order_id', 'cart', 'currency', 'revenue', 'payment_method', 'shipping_method', 'coupon_code', 'tags', 'is_first_order', 'step'] },
  { name: 'Search Performed', extra: ['search_term', 'results_count', 'filters'] },
  { name: 'Video Played', extra: ['video_id', 'video_title', 'duration_s', 'position_s', 'autoplay'] },
  { name: 'Form Submitted', extra: ['form_id', 'fields_count', 'duration_s', 'is_valid'] },
  { name: 'Signed In', extra: ['method'] },
];

const PLANS = ['free', 'starter', 'pro', 'enterprise'];
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'BR', 'IN', 'JP', 'CA', 'AU', 'ES'];
const PAGES = ['/', '/pricing', '/docs', '/blog/launch', '/products/123', '/cart', '/checkout', '/account'];
const SOURCES = ['google', 'newsletter', 'twitter', 'direct', 'partner'];
const CATEGORIES = ['shoes', 'bags', 'outerwear', 'accessories', 'sale'];
const USER_AGENT =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

type Properties = Record<string, unknown>;

function propertyValue(name: string, rnd: SeededRandom): unknown {
  switch (name) {
    case 'price':
    case 'revenue':
      return Math.round(rnd.next() * 50_000) / 100;
    case 'quantity':
    case 'position':
    case 'step':
    case 'fields_count':
      return rnd.int(1, 12);
    case 'results_count':
    case 'duration_s':
    case 'position_s':
      return rnd.int(0, 900);
    case 'in_stock':
    case 'autoplay':
    case 'is_valid':
    case 'is_first_order':
      return rnd.next() < 0.7;
    case 'currency':
      return 'USD';
    case 'category':
      return rnd.pick(CATEGORIES);
    case 'tags':
      return [rnd.pick(CATEGORIES), rnd.pick(['new', 'featured', 'limited'])];
    case 'cart':
      return { items: rnd.int(1, 6), value: Math.round(rnd.next() * 30_000) / 100 };
    case 'filters':
      return { category: rnd.pick(CATEGORIES), sort: 'relevance' };
    default:
      return `${name.replace(/_/g, '-')}-${rnd.hex(6)}`;
  }
}

function eventProperties(extra: string[], rnd: SeededRandom): Properties {
  const props: Properties = {
    page_path: rnd.pick(PAGES),
    page_title: 'Acme Store',
    referrer: 'https://www.google.com/',
    utm_source: rnd.pick(SOURCES),
    utm_campaign: `spring-${rnd.int(1, 9)}`,
    screen_width: 1440,
    screen_height: 900,
    app_section: 'storefront',
    experiment_variant: rnd.pick(['control', 'treatment']),
    is_logged_in: true,
  };
  for (const name of extra) props[name] = propertyValue(name, rnd);
  return props;
}

function userKey(n: number): string {
  return String(n).padStart(6, '0');
}

/** One event; `insertId` is the caller's, so it can make it unique per request. */
function buildEvent(poolIndex: number, insertId: string, baseTime: number, rnd: SeededRandom): Properties {
  const user = (poolIndex * USER_STRIDE) % USERS;
  const type = EVENT_TYPES[poolIndex % EVENT_TYPES.length]!;
  return {
    user_id: `user-${userKey(user)}`,
    device_id: `5f1b7d3e-9c2a-4e8b-a1f0-${userKey(user).padStart(12, '0')}`,
    session_id: baseTime - rnd.int(0, 1_800_000),
    time: baseTime + poolIndex,
    event_type: type.name,
    event_id: poolIndex,
    insert_id: insertId,
    platform: 'Web',
    os_name: 'Chrome',
    os_version: '131',
    device_model: 'Macintosh',
    language: 'en-US',
    ip: '$remote',
    library: 'amplitude-ts/2.11.8',
    user_agent: USER_AGENT,
    event_properties: eventProperties(type.extra, rnd),
    user_properties: {
      $set: { plan: rnd.pick(PLANS), country: rnd.pick(COUNTRIES), signup_cohort: `2026-${rnd.int(1, 12)}`, email_opt_in: rnd.next() < 0.5 },
    },
  };
}

/**
 * Request bodies as templates: the encoded JSON plus the byte offset of each event's `insert_id`
 * prefix, so a request copies the buffer and writes its own 8-hex-digit sequence number there.
 * Every event of every request then has a unique, UUID-shaped `insert_id` for the cost of a copy.
 */
export interface BodyTemplate {
  body: Buffer;
  sequenceOffsets: number[];
  events: number;
}

const SEQUENCE_MARK = '\u0000seq\u0000';
const SEQUENCE_DIGITS = 8;

export function buildBodyTemplates(opts: {
  apiKey: string;
  batchSize: number;
  seed?: number;
  baseTime?: number;
  /** Changes an event of the pool (e.g. the delivery benchmark's revenue events). */
  mapEvent?: (event: Properties, poolIndex: number) => Properties;
}): BodyTemplate[] {
  const rnd = createSeededRandom(opts.seed ?? 20261129);
  const baseTime = opts.baseTime ?? Date.now();
  const templates: BodyTemplate[] = [];
  for (let start = 0; start < POOL_EVENTS; start += opts.batchSize) {
    const events = [];
    for (let i = start; i < Math.min(start + opts.batchSize, POOL_EVENTS); i++) {
      const insertId = `${SEQUENCE_MARK}-${rnd.hex(4)}-4${rnd.hex(3)}-a${rnd.hex(3)}-${rnd.hex(12)}`;
      const event = buildEvent(i, insertId, baseTime, rnd);
      events.push(opts.mapEvent ? opts.mapEvent(event, i) : event);
    }
    const json = JSON.stringify({ api_key: opts.apiKey, events, options: {}, client_upload_time: new Date(baseTime).toISOString() });
    // The text is ASCII (no user input), so string offsets are byte offsets.
    const parts = json.split(JSON.stringify(SEQUENCE_MARK).slice(1, -1));
    const sequenceOffsets: number[] = [];
    let offset = 0;
    for (const part of parts.slice(0, -1)) {
      offset += part.length;
      sequenceOffsets.push(offset);
      offset += SEQUENCE_DIGITS;
    }
    templates.push({ body: Buffer.from(parts.join('0'.repeat(SEQUENCE_DIGITS)), 'latin1'), sequenceOffsets, events: events.length });
  }
  return templates;
}

export function renderBody(template: BodyTemplate, sequence: number): Buffer {
  const body = Buffer.allocUnsafeSlow(template.body.length);
  template.body.copy(body);
  const digits = Buffer.from((sequence >>> 0).toString(16).padStart(SEQUENCE_DIGITS, '0'), 'latin1');
  for (const offset of template.sequenceOffsets) body.set(digits, offset);
  return body;
}
