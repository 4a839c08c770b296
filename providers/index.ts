export * from './messaging-provider';
export { FakeProvider, type FakeSend } from './fake/fake-provider';
export { createInboundEmailReader, createProviders } from './create-providers';
export { TwilioProvider, type TwilioConfig } from './twilio/twilio-provider';
export { ResendProvider, type ResendConfig } from './resend/resend-provider';
export type { InboundEmail, InboundEmailSource } from './resend/inbound-email';
