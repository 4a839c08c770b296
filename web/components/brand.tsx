import { MessagesSquareIcon } from 'lucide-react';
import { cn } from '../lib/utils';

export function Brand({ className }: { className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-2 font-semibold tracking-tight', className)}>
      <span className="flex size-7 items-center justify-center rounded-md bg-primary text-primary-foreground" aria-hidden="true">
        <MessagesSquareIcon className="size-4" />
      </span>
      Herald
    </span>
  );
}
