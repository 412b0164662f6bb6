import { describe, expect, it } from 'vitest';
import type { AliasCall, AliasToIdentify } from '@/lib/braze';
import type { Counters } from '@/lib/metrics/counters';
import type { MetricsRecorder } from '@/lib/metrics/recorder';
import { createIdentifyAliases } from '@/lib/anonymous/identify-aliases';
import type { AliasCallOutcome } from '@/lib/anonymous/identify-sender';
import { RetryableDeliveryError } from '@/lib/pipeline/deliver/retry';
import type { IdentifyEntry } from '@/lib/queue/contracts';
import { runtimeSync } from '@/test/runtime-sync';

const entry = (i: number, call: AliasCall = 'identify'): IdentifyEntry => ({ deviceId: `d${i}`, externalId: `u${i}`, aliasLabel: 'amplitude_device_id', userKey: `u:u${i}`, call });

/** A Braze that answers with `answers` in turn (accepted once they run out), and the devices it marked. */
function harness(answers: AliasCallOutcome[] = [], identified = new Set<string>()) {
  const calls: { call: AliasCall; aliases: AliasToIdentify[] }[] = [];
  const counted: Counters[] = [];
  const identify = createIdentifyAliases({
    send: async (_sync, call, aliases) => {
      calls.push({ call, aliases });
      return answers.shift() ?? { kind: 'accepted' };
    },
    metrics: { add: (_id: string, c: Counters) => counted.push(c) } as unknown as MetricsRecorder,
    findUnidentified: async (_sync, devices) => new Set(devices.filter((d) => !identified.has(d))),
    markIdentified: async (_sync, devices) => {
      devices.forEach((d) => identified.add(d));
      return devices.length;
    },
  });
  return { identify, calls, counted, identified };
}

describe('identifying anonymous devices', () => {
  it('identifies first, then merges, at most 50 aliases per request, and counts what Braze accepted', async () => {
    const h = harness();
    const entries = [...Array.from({ length: 51 }, (_, i) => entry(i)), entry(99, 'merge')];
    expect(await h.identify(runtimeSync(), entries)).toBeNull();
    expect(h.calls.map((c) => [c.call, c.aliases.length])).toEqual([['identify', 50], ['identify', 1], ['merge', 1]]);
    expect(h.calls[2]!.aliases).toEqual([{ external_id: 'u99', user_alias: { alias_name: 'd99', alias_label: 'amplitude_device_id' } }]);
    expect(h.counted).toEqual([{ identifiedAliases: 50 }, { identifiedAliases: 1 }, { identifiedAliases: 1 }]);
  });

  it('does not send a device Braze already accepted (an earlier attempt of the job)', async () => {
    const h = harness([], new Set(['d1']));
    await h.identify(runtimeSync(), [entry(1), entry(2)]);
    expect(h.calls.map((c) => c.aliases.map((a) => a.user_alias.alias_name))).toEqual([['d2']]);
  });

  it('retries on a retryable answer, keeping what was accepted before it', async () => {
    const h = harness([{ kind: 'accepted' }, { kind: 'retryable', status: 429, reason: 'Rate limit reached', resetAt: 5 }]);
    const entries = Array.from({ length: 60 }, (_, i) => entry(i));
    await expect(h.identify(runtimeSync(), entries)).rejects.toBeInstanceOf(RetryableDeliveryError);
    expect(h.identified.size).toBe(50);
    await h.identify(runtimeSync(), entries);
    expect(h.calls.at(-1)!.aliases).toHaveLength(10);
  });

  it("returns Braze's refusal and leaves the devices unidentified", async () => {
    const h = harness([{ kind: 'permanent', status: 403, reason: 'Braze answered 403 Forbidden' }]);
    expect(await h.identify(runtimeSync(), [entry(1)])).toEqual({ kind: 'permanent', status: 403, reason: 'Braze answered 403 Forbidden' });
    expect(h.identified.size).toBe(0);
  });
});
