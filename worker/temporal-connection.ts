import { readFile } from 'node:fs/promises';
import { NativeConnection } from '@temporalio/worker';
import { temporalTlsEnabled, type TemporalEnv } from '../domain/config';

export async function connectWorkerToTemporal(env: TemporalEnv): Promise<NativeConnection> {
  const tls = temporalTlsEnabled(env)
    ? env.TEMPORAL_TLS_CERT_PATH && env.TEMPORAL_TLS_KEY_PATH
      ? {
          clientCertPair: {
            crt: await readFile(env.TEMPORAL_TLS_CERT_PATH),
            key: await readFile(env.TEMPORAL_TLS_KEY_PATH),
          },
        }
      : true
    : undefined;
  return NativeConnection.connect({
    address: env.TEMPORAL_ADDRESS,
    ...(tls ? { tls } : {}),
    ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
  });
}
