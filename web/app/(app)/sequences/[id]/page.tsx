import { SequenceEditor } from '../../../../components/sequences/builder/sequence-editor';

export default function SequenceBuilderPage() {
  return <SequenceEditor />;
}
