import type { Metadata } from 'next';
import { Suspense } from 'react';
import { QuoteList } from '../../../components/quotes/quote-list';

export const metadata: Metadata = { title: 'Quotes' };

export default function QuotesPage() {
  // The status filter lives in the URL's search params, read on the client.
  return (
    <Suspense>
      <QuoteList />
    </Suspense>
  );
}
