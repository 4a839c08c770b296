import type { Metadata } from 'next';
import { NewQuoteForm } from '../../../../components/quotes/new-quote-form';

export const metadata: Metadata = { title: 'New quote' };

export default function NewQuotePage() {
  return <NewQuoteForm />;
}
