import Link from 'next/link';
import type { MessageStatus } from '../../lib/api';
import { MESSAGE_STATUSES, statusLabel } from '../../lib/statuses';

/** Plain links, so filtering works without JavaScript and every filtered view has a shareable URL. */
export function StatusFilter({ active }: { active: MessageStatus | undefined }) {
  const options: { status: MessageStatus | undefined; label: string }[] = [
    { status: undefined, label: 'All' },
    ...MESSAGE_STATUSES.map((status) => ({ status, label: statusLabel(status) })),
  ];
  return (
    <nav className="filter" aria-label="Filter by status">
      {options.map(({ status, label }) => {
        const isActive = status === active;
        return (
          <Link
            key={label}
            href={status ? `/?status=${status}` : '/'}
            prefetch={false}
            className={`filter__option${isActive ? ' filter__option--active' : ''}`}
            aria-current={isActive ? 'page' : undefined}
          >
            {status && <span className={`filter__dot pill--${status}`} aria-hidden="true" />}
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
