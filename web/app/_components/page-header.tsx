import type { TenantView } from '../../lib/api';
import { LiveRefresh } from './live-refresh';

/** Tenant identity on the left, live status and the way into Temporal Web on the right. */
export function PageHeader({ tenant }: { tenant: TenantView | null }) {
  const details = tenant
    ? [
        tenant.timeZone,
        tenant.quietHours ? `Quiet hours ${tenant.quietHours.start}–${tenant.quietHours.end}` : 'No quiet hours',
        tenant.supportContact,
      ].filter((part): part is string => Boolean(part))
    : [];

  return (
    <header className="page-header">
      <div>
        <p className="page-header__eyebrow">Messages</p>
        <h1 className="page-header__title">{tenant?.businessName ?? 'Herald'}</h1>
        {details.length > 0 && (
          <p className="page-header__details">
            {details.map((part) => (
              <span key={part}>{part}</span>
            ))}
          </p>
        )}
      </div>
      <div className="page-header__actions">
        <LiveRefresh />
        {tenant?.temporalRunsUrl && (
          <a className="button" href={tenant.temporalRunsUrl} target="_blank" rel="noopener noreferrer">
            All runs in Temporal Web <span aria-hidden="true">↗</span>
          </a>
        )}
      </div>
    </header>
  );
}
