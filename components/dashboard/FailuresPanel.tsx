'use client';

import { useState } from 'react';
import { DeadLetterTable } from '@/components/dashboard/DeadLetterTable';
import { DeliveryLog } from '@/components/dashboard/DeliveryLog';
import { FailureCauses } from '@/components/dashboard/FailureCauses';
import type { SearchValues } from '@/components/dashboard/SearchFields';
import { panelId, tabId, Tabs } from '@/components/ui/Tabs';
import type { TimeRange } from '@/lib/metrics/time-range';

const TABS = [
  { id: 'causes', label: 'By cause' },
  { id: 'events', label: 'Failed objects' },
  { id: 'log', label: 'Delivery log' },
] as const;
type Tab = (typeof TABS)[number]['id'];

interface FailuresPanelProps {
  syncId: string;
  range: TimeRange;
  /** Why replay cannot run now (the sync is paused or disabled), or null. */
  replayBlocked: string | null;
}

/** "Why didn't user X's event arrive?": failures by cause, each failed object, and every recent request. */
export function FailuresPanel({ syncId, range, replayBlocked }: FailuresPanelProps) {
  const [tab, setTab] = useState<Tab>('causes');
  const [logSearch, setLogSearch] = useState<SearchValues>({});
  const showInLog = (userId: string) => {
    setLogSearch({ userId });
    setTab('log');
  };
  return (
    <section aria-labelledby="failures-title" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="px-6 pt-4">
        <h2 id="failures-title" className="text-base font-semibold text-slate-900">
          Failures and delivery log
        </h2>
        <p className="mt-0.5 text-sm text-slate-500">What Braze refused and why, and what each recent request sent. Replay sends again only what Braze never accepted.</p>
        <div className="mt-4">
          <Tabs label="Failures" tabs={TABS} selected={tab} onSelect={(id) => setTab(id as Tab)} />
        </div>
      </header>
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} className="px-6 py-5">
        {tab === 'causes' && <FailureCauses syncId={syncId} range={range} replayBlocked={replayBlocked} onShowInLog={showInLog} />}
        {tab === 'events' && <DeadLetterTable syncId={syncId} replayBlocked={replayBlocked} />}
        {tab === 'log' && <DeliveryLog syncId={syncId} search={logSearch} onSearch={setLogSearch} />}
      </div>
    </section>
  );
}
