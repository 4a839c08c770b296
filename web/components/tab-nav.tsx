'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '../lib/utils';

export interface TabLink {
  href: string;
  label: string;
  /** Shown after the label (e.g. how many enrollments). */
  count?: number | undefined;
}

/** A page's tabs as links, the current one marked for the eye and for screen readers (aria-current). */
export function TabNav({ label, tabs }: { label: string; tabs: readonly TabLink[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="-mx-1 flex gap-1 overflow-x-auto border-b">
      {tabs.map(({ href, label: text, count }) => {
        const active = pathname === href;
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              '-mb-px flex items-center gap-1.5 border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50',
              active && 'border-primary text-foreground',
            )}
          >
            {text}
            {count !== undefined && <span className="text-xs tabular-nums">{count}</span>}
          </Link>
        );
      })}
    </nav>
  );
}
