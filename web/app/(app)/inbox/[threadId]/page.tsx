import { ConversationView } from '../../../../components/inbox/conversation-view';

export default async function ThreadPage({ params }: { params: Promise<{ threadId: string }> }) {
  const { threadId } = await params;
  return <ConversationView threadId={decodeURIComponent(threadId)} />;
}
