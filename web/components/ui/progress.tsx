import type { ComponentProps } from 'react';
import { cn } from '../../lib/utils';

/**
 * A determinate progress bar (the shadcn/ui look). @radix-ui/react-progress is not installed; its whole job is
 * the progressbar role and aria values, which this gives the same way. `value` is 0–`max`.
 */
export function Progress({ className, value, max = 100, ...props }: Omit<ComponentProps<'div'>, 'children'> & { value: number; max?: number }) {
  const clamped = Math.min(Math.max(value, 0), max);
  const percent = max > 0 ? (clamped / max) * 100 : 0;
  return (
    <div
      data-slot="progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={clamped}
      className={cn('relative h-2 w-full overflow-hidden rounded-full bg-primary/20', className)}
      {...props}
    >
      <div data-slot="progress-indicator" className="h-full bg-primary transition-[width] duration-300 motion-reduce:transition-none" style={{ width: `${percent}%` }} />
    </div>
  );
}
