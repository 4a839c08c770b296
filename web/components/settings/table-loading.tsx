import { Skeleton } from '../ui/skeleton';

export function TableLoading({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div className="grid gap-2" role="status" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-12 w-full" />
      ))}
    </div>
  );
}
