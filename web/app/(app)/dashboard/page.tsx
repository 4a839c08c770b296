import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DashboardPage } from '../../../components/dashboard/dashboard-page';

export const metadata: Metadata = { title: 'Dashboard' };

export default function Dashboard() {
  // The range lives in the URL's search params, read on the client.
  return (
    <Suspense>
      <DashboardPage />
    </Suspense>
  );
}
