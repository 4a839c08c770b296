import { MessagesSquareIcon } from 'lucide-react';

/** No conversation open (laptop): say so in the conversation pane. */
export default function InboxIndex() {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-muted" aria-hidden="true">
        <MessagesSquareIcon className="size-6 text-muted-foreground" />
      </span>
      <h2 className="font-medium">Pick a conversation</h2>
      <p className="max-w-xs text-sm text-muted-foreground">Choose one on the left to read it, reply, or see what is scheduled next.</p>
    </div>
  );
}
