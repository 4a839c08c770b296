import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuditLogPage } from '../../../../components/audit-log/audit-log-page';

export const metadata: Metadata = { title: 'Audit log' };

export default function AuditLog() {
  // The filters live in the URL's search params, read on the client.
  return (
    <Suspense>
      <AuditLogPage />
    </Suspense>
  );
}
