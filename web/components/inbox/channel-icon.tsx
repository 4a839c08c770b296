import { MailIcon, MessageCircleIcon, SmartphoneIcon } from 'lucide-react';
import type { Channel } from '../../../domain/channels';
import { cn } from '../../lib/utils';

export const CHANNEL_LABELS: Record<Channel, string> = { sms: 'SMS', whatsapp: 'WhatsApp', email: 'Email' };
const ICONS = { sms: SmartphoneIcon, whatsapp: MessageCircleIcon, email: MailIcon } as const;

export function ChannelIcon({ channel, className }: { channel: Channel; className?: string }) {
  const Icon = ICONS[channel];
  return <Icon className={cn('size-3.5', className)} aria-label={CHANNEL_LABELS[channel]} role="img" />;
}
