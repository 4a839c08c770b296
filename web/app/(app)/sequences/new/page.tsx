import type { Metadata } from 'next';
import { NewSequence } from '../../../../components/sequences/builder/new-sequence';

export const metadata: Metadata = { title: 'New sequence' };

export default function NewSequencePage() {
  return <NewSequence />;
}
