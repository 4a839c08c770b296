import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SequenceFrame } from '../../../../components/sequences/sequence-frame';

export const metadata: Metadata = { title: 'Sequence' };

export default async function SequenceLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SequenceFrame sequenceId={decodeURIComponent(id)}>{children}</SequenceFrame>;
}
