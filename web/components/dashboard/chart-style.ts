import type { CSSProperties } from 'react';

/** Series colours and the tooltip's look, from the theme's variables (so dark mode follows). */
export const CHANNEL_COLORS = { sms: 'var(--chart-sms)', whatsapp: 'var(--chart-whatsapp)', email: 'var(--chart-email)' } as const;
export const CHANNEL_NAMES = { sms: 'SMS', whatsapp: 'WhatsApp', email: 'Email' } as const;
export const CHANNELS = ['sms', 'whatsapp', 'email'] as const;

export const tooltipStyle: CSSProperties = {
  background: 'var(--popover)',
  color: 'var(--popover-foreground)',
  border: '1px solid var(--border)',
  borderRadius: 8,
  fontSize: 12,
};
export const axisTick = { fill: 'var(--muted-foreground)', fontSize: 11 };
export const gridStroke = 'var(--border)';
