export function BrazeLogo({ className = 'h-9 w-9' }: { className?: string }) {
  return (
    <span aria-hidden="true" className={`inline-flex shrink-0 items-center justify-center rounded-lg bg-slate-900 text-sm font-bold text-white ${className}`}>
      B
    </span>
  );
}
