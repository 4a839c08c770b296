import Link from 'next/link';
import { apiConfig, getTenant, HeraldApiError, listMessages, type MessagePage, type TenantView } from '../lib/api';
import { safeTimeZone } from '../lib/format';
import { isMessageStatus } from '../lib/statuses';
import { ApiErrorPanel } from './_components/api-error-panel';
import { EmptyState } from './_components/empty-state';
import { MessagesTable } from './_components/messages-table';
import { PageHeader } from './_components/page-header';
import { StatusFilter } from './_components/status-filter';

// Data and config (HERALD_API_URL / HERALD_API_KEY) are per request; never prerender at build time.
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 50;

type SearchParams = Record<string, string | string[] | undefined>;

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Anything that is not a HeraldApiError is a bug on our side: log it, and show users a plain sentence. */
function toApiError(reason: unknown): HeraldApiError {
  if (reason instanceof HeraldApiError) return reason;
  console.error('Unexpected error while loading messages', reason);
  return new HeraldApiError('Something unexpected went wrong while loading messages.', 'UNEXPECTED', null);
}

export default async function MessagesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const requestedStatus = firstValue(params.status);
  // Unknown statuses are dropped rather than sent on, so a stale link shows everything instead of a 400.
  const status = isMessageStatus(requestedStatus) ? requestedStatus : undefined;
  const cursor = firstValue(params.cursor) || undefined;

  const [tenantResult, pageResult] = await Promise.allSettled([
    getTenant(),
    listMessages({ status, cursor, limit: PAGE_SIZE }),
  ]);
  const tenant: TenantView | null = tenantResult.status === 'fulfilled' ? tenantResult.value : null;
  const page: MessagePage | null = pageResult.status === 'fulfilled' ? pageResult.value : null;
  // Both calls usually fail for the same reason; the message list's error is the one that matters here.
  const failure =
    pageResult.status === 'rejected' ? pageResult.reason : tenantResult.status === 'rejected' ? tenantResult.reason : null;
  const error = failure === null ? null : toApiError(failure);

  const timeZone = safeTimeZone(tenant?.timeZone);
  const now = Date.now();

  return (
    <>
      <PageHeader tenant={tenant} />
      <StatusFilter active={status} />

      {error && <ApiErrorPanel error={error} />}

      {page && page.messages.length === 0 && !cursor && (
        <EmptyState status={status} apiUrl={apiConfig().baseUrl} now={now} />
      )}

      {page && (page.messages.length > 0 || cursor) && (
        <>
          {page.messages.length > 0 ? (
            <MessagesTable messages={page.messages} timeZone={timeZone} now={now} />
          ) : (
            <p className="muted pager__end">No older messages.</p>
          )}
          <Pager status={status} cursor={cursor} nextCursor={page.nextCursor} shown={page.messages.length} timeZone={timeZone} />
        </>
      )}
    </>
  );
}

interface PagerProps {
  status: string | undefined;
  cursor: string | undefined;
  nextCursor: string | null;
  shown: number;
  timeZone: string;
}

function Pager({ status, cursor, nextCursor, shown, timeZone }: PagerProps) {
  const href = (next: string | undefined) => {
    const query = new URLSearchParams();
    if (status) query.set('status', status);
    if (next) query.set('cursor', next);
    const search = query.toString();
    return search ? `/?${search}` : '/';
  };
  return (
    <div className="pager">
      <span className="muted">
        {shown} {shown === 1 ? 'message' : 'messages'}
        {cursor ? ' on this page' : ''} · times in {timeZone}
      </span>
      <span className="pager__links">
        {cursor && (
          <Link className="button button--ghost" href={href(undefined)} prefetch={false}>
            ← Newest
          </Link>
        )}
        {nextCursor && (
          <Link className="button" href={href(nextCursor)} prefetch={false} data-testid="load-more">
            Load more
          </Link>
        )}
      </span>
    </div>
  );
}
