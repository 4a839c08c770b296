import { describe, expect, it } from 'vitest';
import { ApiEnvSchema, parseEnv, temporalTlsEnabled, WorkerEnvSchema } from './config';

describe('parseEnv', () => {
  it('applies defaults', () => {
    const env = parseEnv(WorkerEnvSchema, { DATABASE_URL: 'postgresql://h/db' });
    expect(env).toMatchObject({ TEMPORAL_ADDRESS: 'localhost:7233', TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'herald', LOG_LEVEL: 'info' });
    expect(temporalTlsEnabled(env)).toBe(false);
  });
  it('reports every problem at once', () => {
    expect(() => parseEnv(ApiEnvSchema, { DATABASE_URL: 'mysql://x', HERALD_API_PORT: '99999', LOG_LEVEL: 'loud' })).toThrow(
      /DATABASE_URL: DATABASE_URL must be a postgresql:\/\/ URL[\s\S]*LOG_LEVEL[\s\S]*HERALD_API_PORT/,
    );
  });
  it('keeps the API on this machine unless HERALD_API_HOST says otherwise (containers set 0.0.0.0)', () => {
    expect(parseEnv(ApiEnvSchema, { DATABASE_URL: 'postgres://h/db' }).HERALD_API_HOST).toBe('127.0.0.1');
    expect(parseEnv(ApiEnvSchema, { DATABASE_URL: 'postgres://h/db', HERALD_API_HOST: '0.0.0.0' }).HERALD_API_HOST).toBe('0.0.0.0');
  });
  it('treats empty strings as unset', () => {
    expect(() => parseEnv(WorkerEnvSchema, { DATABASE_URL: '' })).toThrow(/DATABASE_URL/);
    expect(parseEnv(WorkerEnvSchema, { DATABASE_URL: 'postgres://h/db', TEMPORAL_ADDRESS: '' }).TEMPORAL_ADDRESS).toBe('localhost:7233');
  });
  it('turns TLS on for Temporal Cloud API keys unless told otherwise', () => {
    expect(temporalTlsEnabled(parseEnv(WorkerEnvSchema, { DATABASE_URL: 'postgres://h/db', TEMPORAL_API_KEY: 'k' }))).toBe(true);
    expect(temporalTlsEnabled(parseEnv(WorkerEnvSchema, { DATABASE_URL: 'postgres://h/db', TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }))).toBe(false);
  });
  it('takes HERALD_SECRETS_KEY only as 32 bytes of base64, saying how to make one', () => {
    const key = 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=';
    expect(parseEnv(WorkerEnvSchema, { DATABASE_URL: 'postgres://h/db', HERALD_SECRETS_KEY: key }).HERALD_SECRETS_KEY).toBe(key);
    expect(parseEnv(ApiEnvSchema, { DATABASE_URL: 'postgres://h/db' }).HERALD_SECRETS_KEY).toBeUndefined();
    for (const bad of ['short', 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83=', `${'0'.repeat(64)}`, `${key}${key}`]) {
      expect(() => parseEnv(ApiEnvSchema, { DATABASE_URL: 'postgres://h/db', HERALD_SECRETS_KEY: bad }), bad).toThrow(
        /HERALD_SECRETS_KEY: HERALD_SECRETS_KEY must be 32 random bytes in base64.*openssl rand -base64 32/,
      );
    }
  });
  it('trusts X-Forwarded-For only from proxies it is told about: this machine by default', () => {
    const base = { DATABASE_URL: 'postgres://h/db' };
    expect(parseEnv(ApiEnvSchema, base).HERALD_TRUST_PROXY).toBe('loopback');
    expect(parseEnv(ApiEnvSchema, { ...base, HERALD_TRUST_PROXY: '1' }).HERALD_TRUST_PROXY).toBe(1);
    expect(parseEnv(ApiEnvSchema, { ...base, HERALD_TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).HERALD_TRUST_PROXY).toBe('loopback,10.0.0.0/8,fd00::1');
    expect(parseEnv(ApiEnvSchema, { ...base, HERALD_TRUST_PROXY: 'false' }).HERALD_TRUST_PROXY).toBe(false);
    for (const bad of ['10.0.0.0/33', 'proxy.example.com', 'loopback,,x', '-1']) {
      expect(() => parseEnv(ApiEnvSchema, { ...base, HERALD_TRUST_PROXY: bad }), bad).toThrow(/HERALD_TRUST_PROXY/);
    }
  });
  it('keeps realtime events 7 days unless HERALD_REALTIME_RETENTION_DAYS says otherwise, in whole days', () => {
    const base = { DATABASE_URL: 'postgres://h/db' };
    expect(parseEnv(WorkerEnvSchema, base).HERALD_REALTIME_RETENTION_DAYS).toBe(7);
    expect(parseEnv(WorkerEnvSchema, { ...base, HERALD_REALTIME_RETENTION_DAYS: '30' }).HERALD_REALTIME_RETENTION_DAYS).toBe(30);
    for (const bad of ['0', '-3', '1.5', 'a week', '3651']) {
      expect(() => parseEnv(WorkerEnvSchema, { ...base, HERALD_REALTIME_RETENTION_DAYS: bad }), bad).toThrow(/HERALD_REALTIME_RETENTION_DAYS: HERALD_REALTIME_RETENTION_DAYS (must|may)/);
    }
  });
});
