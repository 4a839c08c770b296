import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions';

// No Docker engine runs in CI, so the stack itself cannot start here. This reads docker-compose.yml (with
// YAML merge keys, as Compose does) and the Dockerfile, and checks the wiring a broken edit would silently
// break: start-up order, health checks, ports, image pins, env, search attributes, migrations.

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

type Healthcheck = { test?: string | string[]; interval?: string; disable?: boolean };
type DependsOn = string[] | Record<string, { condition?: string }>;
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: DependsOn;
  healthcheck?: Healthcheck;
  ports?: Array<string | number | { target: number; published?: string | number; host_ip?: string }>;
  restart?: string;
  network_mode?: string;
}
interface Compose {
  services: Record<string, Service>;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as Compose;
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`service ${name} is missing`);
  return found;
};

const REQUIRED = ['postgres', 'temporal', 'temporal-ui', 'temporal-setup', 'migrate', 'bootstrap', 'worker', 'api', 'web'];
const ONE_SHOTS = ['temporal-setup', 'migrate', 'bootstrap'];
const HERALD_SERVICES = ['migrate', 'bootstrap', 'worker', 'api', 'web'];

function dependencies(svc: Service): Record<string, string> {
  const deps = svc.depends_on;
  if (!deps) return {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, spec?.condition ?? 'service_started']));
}

function environment(svc: Service): Record<string, string> {
  const env = svc.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at === -1 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value == null ? '' : String(value)]));
}

/** What Compose would use with nothing set in the host env: `${VAR:-default}` → default. */
function withDefaults(value: string): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_m, _name, fallback: string | undefined) => fallback ?? '');
}

function commandText(svc: Service): string {
  const parts = [svc.entrypoint, svc.command].flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
  return parts.join(' ');
}

/**
 * Published ports as { ip, host, container }: short syntax `[ip:][host:]container[/proto]` (with `${VAR:-n}`
 * parts, and `[v6]` ips) or long syntax. `ip` is '' when the port is published on every interface of the host.
 */
function publishedPorts(svc: Service): Array<{ ip: string; host: string; container: number }> {
  return (svc.ports ?? []).map((port) => {
    if (typeof port === 'object') {
      return { ip: port.host_ip ?? '', host: withDefaults(String(port.published ?? '')), container: Number(port.target) };
    }
    const spec = withDefaults(String(port)).replace(/\/(tcp|udp)$/, '');
    const match = /^(?:(?:\[([^\]]+)\]|([^:]+)):(?=[^:]*:))?(?:([^:]*):)?(\d+)$/.exec(spec);
    if (!match) throw new Error(`unreadable port ${String(port)}`);
    return { ip: match[1] ?? match[2] ?? '', host: match[3] ?? '', container: Number(match[4]) };
  });
}

/** image "repo[:tag][@digest]" → its tag ('' when none). */
function imageTag(image: string): string {
  const withoutDigest = image.split('@')[0] ?? '';
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > lastSlash ? withoutDigest.slice(colon + 1) : '';
}

describe('docker-compose.yml', () => {
  it('defines every service of the stack', () => {
    expect(Object.keys(services).sort()).toEqual(expect.arrayContaining(REQUIRED));
    for (const name of REQUIRED) expect(services[name], name).toBeTypeOf('object');
  });

  it('only depends on services that exist, with conditions those services can meet', () => {
    for (const [name, svc] of Object.entries(services)) {
      for (const [target, condition] of Object.entries(dependencies(svc))) {
        expect(Object.keys(services), `${name} depends on ${target}`).toContain(target);
        expect(['service_started', 'service_healthy', 'service_completed_successfully'], `${name} → ${target}`).toContain(
          condition,
        );
        if (condition === 'service_healthy') {
          const check = services[target]?.healthcheck;
          expect(check?.test, `${name} waits for ${target} to be healthy, but it has no healthcheck`).toBeDefined();
          expect(check?.disable, `${target}'s healthcheck is disabled`).not.toBe(true);
        }
        if (condition === 'service_completed_successfully') {
          expect(ONE_SHOTS, `${name} waits for ${target} to complete, but ${target} is not a one-shot`).toContain(target);
        }
      }
    }
  });

  it('starts things in the order Herald needs', () => {
    expect(dependencies(service('temporal'))).toMatchObject({ postgres: 'service_healthy' });
    expect(dependencies(service('temporal-setup'))).toMatchObject({ temporal: 'service_healthy' });
    expect(dependencies(service('migrate'))).toMatchObject({ postgres: 'service_healthy' });
    expect(dependencies(service('bootstrap'))).toMatchObject({ migrate: 'service_completed_successfully' });
    expect(dependencies(service('worker'))).toMatchObject({
      migrate: 'service_completed_successfully',
      'temporal-setup': 'service_completed_successfully',
    });
    expect(dependencies(service('api'))).toMatchObject({ bootstrap: 'service_completed_successfully' });
    expect(dependencies(service('web'))).toMatchObject({ api: 'service_healthy' });
    expect(Object.keys(dependencies(service('temporal-ui')))).toContain('temporal');
  });

  it('runs the one-shots once instead of restarting them', () => {
    for (const name of ONE_SHOTS) expect(service(name).restart, name).toBe('no');
  });

  it('gives every healthcheck a test and an interval', () => {
    const withChecks = Object.entries(services).filter(([, svc]) => svc.healthcheck);
    expect(withChecks.map(([name]) => name)).toEqual(expect.arrayContaining(['postgres', 'temporal', 'api', 'web']));
    for (const [name, svc] of withChecks) {
      const { test, interval } = svc.healthcheck!;
      expect(test, `${name} healthcheck test`).toBeDefined();
      if (Array.isArray(test)) {
        expect(['CMD', 'CMD-SHELL'], `${name} healthcheck test form`).toContain(test[0]);
        expect(test.length, `${name} healthcheck command`).toBeGreaterThan(1);
      } else {
        expect(String(test).trim(), `${name} healthcheck command`).not.toBe('');
      }
      expect(interval, `${name} healthcheck interval`).toMatch(/^\d+(ms|s|m|h)$/);
    }
    expect(JSON.stringify(service('postgres').healthcheck!.test)).toContain('pg_isready');
    expect(JSON.stringify(service('api').healthcheck!.test)).toContain(':4000/api/health');
  });

  it('publishes only the web app and the API; Postgres and Temporal stay on the compose network', () => {
    const published = Object.entries(services).filter(([, svc]) => (svc.ports ?? []).length > 0);
    expect(published.map(([name]) => name).sort()).toEqual(['api', 'web']);
    // Host networking would put every port of a container on the host, published or not.
    for (const [name, svc] of Object.entries(services)) expect(svc.network_mode, `${name} network_mode`).not.toBe('host');
    expect(publishedPorts(service('api'))).toEqual([{ ip: '', host: '4000', container: 4000 }]);
    expect(publishedPorts(service('web'))).toEqual([{ ip: '', host: '3000', container: 3000 }]);
    // The ports the processes listen on are the ones published, on the container's every interface.
    expect(environment(service('api')).HERALD_API_PORT).toBe('4000');
    expect(environment(service('api')).HERALD_API_HOST).toBe('0.0.0.0');
    expect(commandText(service('web'))).toMatch(/-p 3000\b/);
    expect(commandText(service('web'))).toMatch(/-H 0\.0\.0\.0\b/);
  });

  it("offers Temporal Web and the frontend through an opt-in override, on the host's loopback only", () => {
    const override = parse(read('docker-compose.temporal-web.yml'), { merge: true }) as Compose;
    expect(Object.keys(override.services).sort()).toEqual(['temporal', 'temporal-ui']);
    for (const [name, svc] of Object.entries(override.services)) {
      expect(Object.keys(svc), name).toEqual(['ports']);
      expect(Object.keys(services), `${name} exists in docker-compose.yml`).toContain(name);
    }
    expect(publishedPorts(override.services['temporal-ui']!)).toEqual([{ ip: '127.0.0.1', host: '8233', container: 8080 }]);
    expect(publishedPorts(override.services.temporal!)).toEqual([{ ip: '127.0.0.1', host: '7233', container: 7233 }]);
    // The API's links to workflow runs point where the override puts Temporal Web.
    expect(environment(service('api')).TEMPORAL_UI_URL).toBe('http://localhost:8233');
    const docs = read('docs/docker.md');
    expect(docs).toContain('-f docker-compose.temporal-web.yml');
    expect(docs).toMatch(/ssh (-N )?-L 8233:127\.0\.0\.1:8233/);
  });

  it('pins every image to a tag other than latest', () => {
    for (const [name, svc] of Object.entries(services)) {
      expect(svc.image ?? svc.build, `${name} has neither image nor build`).toBeDefined();
      if (!svc.image) continue;
      const tag = imageTag(svc.image);
      expect(tag, `${name} image ${svc.image} has no tag`).not.toBe('');
      expect(tag, `${name} image ${svc.image}`).not.toBe('latest');
    }
  });

  it('builds the Herald services from this repository', () => {
    for (const name of HERALD_SERVICES) {
      const build = service(name).build;
      const context = typeof build === 'string' ? build : build?.context;
      expect(context, `${name} build context`).toBe('.');
    }
    expect(existsSync(path.join(root, 'Dockerfile'))).toBe(true);
  });

  it('gives the worker and the API their database and Temporal settings', () => {
    const serviceNames = Object.keys(services);
    for (const name of ['worker', 'api']) {
      const env = environment(service(name));
      for (const key of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE']) {
        expect(env[key], `${name} ${key}`).toBeTruthy();
      }
      const db = new URL(withDefaults(env.DATABASE_URL!));
      expect(db.protocol, `${name} DATABASE_URL`).toMatch(/^postgres(ql)?:$/);
      expect(serviceNames, `${name} DATABASE_URL host`).toContain(db.hostname);
      expect(db.pathname, `${name} DATABASE_URL database`).toBe('/herald');
      expect(serviceNames, `${name} TEMPORAL_ADDRESS host`).toContain(env.TEMPORAL_ADDRESS!.split(':')[0]);
    }
    // Both processes must agree, or the API starts workflows no worker polls for.
    const worker = environment(service('worker'));
    const api = environment(service('api'));
    for (const key of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE']) {
      expect(api[key], key).toBe(worker[key]);
    }
    expect(environment(service('migrate')).DATABASE_URL).toBe(worker.DATABASE_URL);
    expect(environment(service('bootstrap')).DATABASE_URL).toBe(worker.DATABASE_URL);
    expect(api.TEMPORAL_UI_URL).toBe('http://localhost:8233');
  });

  it('passes provider credentials through to the worker, empty by default', () => {
    const env = environment(service('worker'));
    for (const key of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_SMS_FROM', 'TWILIO_WHATSAPP_FROM', 'RESEND_API_KEY', 'RESEND_FROM']) {
      expect(Object.keys(env), key).toContain(key);
      expect(withDefaults(env[key]!), key).toBe('');
    }
  });

  it('gives the worker and the API the same HERALD_SECRETS_KEY, unset by default (no shared well-known key)', () => {
    const worker = environment(service('worker'));
    const api = environment(service('api'));
    expect(Object.keys(worker)).toContain('HERALD_SECRETS_KEY');
    expect(api.HERALD_SECRETS_KEY).toBe(worker.HERALD_SECRETS_KEY);
    expect(withDefaults(worker.HERALD_SECRETS_KEY!)).toBe('');
  });

  it('gives the web app the same API key that bootstrap makes exist, and the API address', () => {
    const web = environment(service('web'));
    const bootstrapKey = environment(service('bootstrap')).HERALD_API_KEY;
    expect(bootstrapKey).toBeTruthy();
    expect(web.HERALD_API_KEY).toBe(bootstrapKey);
    // scripts/bootstrap.ts refuses keys shorter than 20 characters.
    expect(withDefaults(bootstrapKey!).length).toBeGreaterThanOrEqual(20);
    expect(web.HERALD_API_URL).toBe('http://api:4000');
  });

  it("registers Herald's search attributes as Keywords on the default namespace", () => {
    const script = commandText(service('temporal-setup'));
    expect(Object.keys(SEARCH_ATTRIBUTES)).toEqual(expect.arrayContaining(['TenantId', 'ContactId', 'MessageId']));
    for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) {
      expect(type).toBe('Keyword');
      expect(script, `search attribute ${name}`).toMatch(new RegExp(`\\b${name}\\b`));
    }
    expect(script).toContain('search-attribute create');
    expect(script).toContain('--type Keyword');
    expect(script).toContain('--namespace default');
    expect(script).toMatch(/already exists/); // idempotent on re-runs
  });

  it('escapes shell variables in commands so Compose does not interpolate them', () => {
    for (const [name, svc] of Object.entries(services)) {
      // A lone `$name`, `${...}` or `$(` in a command is substituted by Compose from the host env; `$$` is literal.
      const unescaped = commandText(svc).match(/(?<!\$)\$(?!\$)[A-Za-z_{(]/g);
      expect(unescaped, `${name} command`).toBeNull();
    }
  });

  it('migrates with dbmate from prisma/migrations, which holds SQL migrations', () => {
    const command = commandText(service('migrate'));
    expect(command).toContain('dbmate');
    expect(command).toContain('prisma/migrations');
    expect(command).toMatch(/\bup\b/);
    const dir = path.join(root, 'prisma/migrations');
    expect(existsSync(dir)).toBe(true);
    expect(readdirSync(dir).filter((file) => file.endsWith('.sql')).length).toBeGreaterThan(0);
  });

  it('runs entry points that exist in the repository', () => {
    const entryPoints: Record<string, string> = { bootstrap: 'scripts/bootstrap.ts', worker: 'worker/main.ts', api: 'api/server.ts' };
    for (const [name, file] of Object.entries(entryPoints)) {
      expect(commandText(service(name)), name).toContain(file);
      expect(existsSync(path.join(root, file)), file).toBe(true);
    }
    expect(commandText(service('web'))).toMatch(/next start web\b/);
    expect(existsSync(path.join(root, 'web/app'))).toBe(true);
  });

  it('runs long-lived Herald processes without npx, which would swallow SIGTERM', () => {
    for (const name of ['worker', 'api', 'web']) {
      const svc = service(name);
      expect(commandText(svc), name).not.toMatch(/\bnpx\b/);
      expect((svc as Service & { init?: boolean }).init, `${name} init`).toBe(true);
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = existsSync(path.join(root, 'Dockerfile')) ? read('Dockerfile') : '';
  const instructions = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const runs = instructions.filter((line) => /^RUN\s/i.test(line));

  it('exists, on a pinned Node 20 base', () => {
    expect(dockerfile).not.toBe('');
    const from = instructions.find((line) => /^FROM\s/i.test(line));
    expect(from).toMatch(/^FROM\s+node:20\.\d+/i);
    expect(imageTag(from!.split(/\s+/)[1]!)).not.toBe('latest');
  });

  it('installs from the lockfile and generates the Prisma client', () => {
    expect(runs.some((line) => /\bnpm ci\b/.test(line))).toBe(true);
    expect(runs.some((line) => /\bprisma generate\b/.test(line))).toBe(true);
    expect(runs.some((line) => /\bnext build web\b/.test(line))).toBe(true);
  });

  it('copies what the postinstall script needs before npm ci runs it', () => {
    const postinstall = (JSON.parse(read('package.json')) as { scripts?: Record<string, string> }).scripts?.postinstall;
    const npmCi = instructions.findIndex((line) => /^RUN\s.*\bnpm ci\b/i.test(line));
    const copiedBefore = instructions.slice(0, npmCi).filter((line) => /^COPY\s/i.test(line)).join(' ');
    expect(copiedBefore).toContain('package-lock.json');
    for (const file of postinstall?.match(/[\w./-]+\.(?:mjs|cjs|js|ts)\b/g) ?? []) {
      expect(copiedBefore, `postinstall needs ${file}`).toContain(file);
    }
  });

  it('puts node_modules/.bin on PATH, since compose calls tsx and next by name', () => {
    const env = instructions.filter((line) => /^ENV\s/i.test(line)).join(' ');
    expect(env).toMatch(/PATH=\/app\/node_modules\/\.bin:\$PATH/);
    expect(instructions).toContain('WORKDIR /app');
  });

  it('has the API listen on every interface of its container (its own default is loopback only)', () => {
    const env = instructions.filter((line) => /^ENV\s/i.test(line)).join(' ');
    expect(env).toMatch(/\bHERALD_API_HOST=0\.0\.0\.0\b/);
  });

  it('runs as a non-root user', () => {
    const users = instructions.filter((line) => /^USER\s/i.test(line));
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^USER\s+(root|0)(:|\s|$)/i);
  });

  it('keeps local state out of the build context', () => {
    const ignored = read('.dockerignore')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.data', '.tools', 'web/.next', '.git']));
    for (const needed of ['prisma', 'prisma/migrations', 'package-lock.json', 'scripts']) {
      expect(ignored, `${needed} must reach the build`).not.toContain(needed);
    }
  });
});
