import { describe, expect, it } from 'vitest';
import { MESSAGE_STATUSES } from './channels';
import { deliveryStatusAdvances, statusesAdvancingTo } from './delivery-status';

describe('delivery statuses', () => {
  it.each([
    ['sending', 'sent', true],
    ['sending', 'delivered', true],
    ['sent', 'delivered', true],
    ['delivered', 'read', true],
    ['sent', 'failed', true],
    ['delivered', 'sent', false],
    ['read', 'delivered', false],
    ['delivered', 'undelivered', false],
    ['read', 'failed', false],
    ['failed', 'undelivered', false],
    ['delivered', 'delivered', false],
  ] as const)('%s → %s advances: %s', (current, next, advances) => {
    expect(deliveryStatusAdvances(current, next)).toBe(advances);
  });

  it('lists exactly the statuses from which a status advances', () => {
    expect(statusesAdvancingTo('read')).toEqual(MESSAGE_STATUSES.filter((s) => !['read', 'undelivered', 'failed'].includes(s)));
    expect(statusesAdvancingTo('failed')).not.toContain('delivered');
    expect(statusesAdvancingTo('failed')).toContain('sent');
  });
});
