import { ArrowLeftIcon } from 'lucide-react';
import Link from 'next/link';
import { Button } from '../../../../components/ui/button';

/** The conversation pane; the conversation view (timeline, composer, contact panel) is the next piece. */
export default async function ThreadPage({ params }: { params: Promise<{ threadId: string }> }) {
  const { threadId } = await params;
  return (
    <div className="flex flex-1 flex-col">
      <div className="flex h-14 items-center gap-2 border-b px-3">
        <Button asChild variant="ghost" size="icon" className="md:hidden">
          <Link href="/inbox" aria-label="Back to conversations">
            <ArrowLeftIcon aria-hidden="true" />
          </Link>
        </Button>
        <h2 className="truncate font-medium">Conversation</h2>
      </div>
      <p className="p-6 text-sm text-muted-foreground" data-thread-id={threadId}>
        The conversation view arrives with the inbox API.
      </p>
    </div>
  );
}
