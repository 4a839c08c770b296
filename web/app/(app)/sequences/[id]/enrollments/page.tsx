import type { Metadata } from 'next';
import { EnrollmentsTable } from '../../../../../components/sequences/enrollments-table';

export const metadata: Metadata = { title: 'Enrollments' };

export default function SequenceEnrollmentsPage() {
  return <EnrollmentsTable />;
}
