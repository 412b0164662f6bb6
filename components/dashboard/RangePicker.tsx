import { TIME_RANGE_IDS, TIME_RANGES, type TimeRange } from '@/lib/metrics/time-range';

/** A segmented choice of ranges: native radios (arrow keys move between them). */
export function RangePicker({ value, onChange }: { value: TimeRange; onChange: (range: TimeRange) => void }) {
  return (
    <fieldset className="inline-flex rounded-lg border border-slate-300 bg-white p-0.5 shadow-sm">
      <legend className="sr-only">Time range</legend>
      {TIME_RANGE_IDS.map((id) => (
        <label key={id} className="relative">
          {/* The real control lies over the drawn segment, so a click anywhere on it chooses it. */}
          <input
            type="radio"
            name="time-range"
            value={id}
            checked={value === id}
            onChange={() => onChange(id)}
            className="peer absolute inset-0 z-10 m-0 h-full w-full cursor-pointer appearance-none opacity-0"
            aria-label={TIME_RANGES[id].label}
          />
          <span
            aria-hidden="true"
            className="block rounded-md px-3 py-1 text-sm font-medium text-slate-600 peer-checked:bg-brand-600 peer-checked:text-white peer-focus-visible:outline-2 peer-focus-visible:outline-offset-1 peer-focus-visible:outline-brand-600 peer-hover:bg-slate-100 peer-checked:peer-hover:bg-brand-600"
          >
            {id}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
