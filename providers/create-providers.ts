import type { ProviderSet } from './messaging-provider';
import { FakeProvider, type FakeProviderOptions } from './fake/fake-provider';

export interface ProviderConfig {
  fake?: FakeProviderOptions;
}

/**
 * Chooses the provider per channel. Until the Twilio and Resend adapters land, every channel uses the fake
 * provider; the choice is reported by the health endpoint so nobody mistakes a demo for real delivery.
 */
export function createProviders(config: ProviderConfig = {}): { providers: ProviderSet; fake: FakeProvider } {
  const fake = new FakeProvider(config.fake);
  return { providers: { sms: fake, whatsapp: fake, email: fake }, fake };
}
