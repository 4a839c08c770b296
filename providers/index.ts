export * from './messaging-provider';
export { FakeProvider, type FakeSend } from './fake/fake-provider';
export { createProviders } from './create-providers';
