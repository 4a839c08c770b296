import type { MessageView } from '../../lib/api';

const CHANNEL_LABELS: Record<MessageView['channel'], string> = {
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  email: 'Email',
};

export function ChannelBadge({ channel }: { channel: MessageView['channel'] }) {
  return <span className={`channel channel--${channel}`}>{CHANNEL_LABELS[channel] ?? channel}</span>;
}
