import { expressRoutes } from '../harness/express-routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes, type ErrorCode } from '../../domain/errors';
import { STATUS } from '../../api/http/error-middleware';
import type { AppPrisma } from '../../prisma/client';
import { testApi, testPrisma, uniqueName } from '../harness/context';
import { devServer } from '../harness/dev-server';

// The OpenAPI document is generated from the route table: it must describe exactly the routes Express serves,
// be a well-formed OpenAPI 3.1 document, describe every field, and list the error codes the error edge maps.

let server: Awaited<ReturnType<typeof devServer>>;
let prisma: AppPrisma;
let api: ReturnType<typeof testApi>;
let doc: any;

beforeAll(async () => {
  server = await devServer();
  prisma = testPrisma();
  api = testApi({ prisma, client: server.client, taskQueue: uniqueName('openapi-tq') });
  const res = await api.request().get('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(async () => {
  await server?.close();
  await prisma?.$disconnect();
});

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function documentedOperations(): Array<{ key: string; path: string; method: string; op: any }> {
  return Object.entries<any>(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ key: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, path, method, op: item[method] })),
  );
}

/** Every schema in the document, each visited once, with where it sits. */
function schemas(): Array<{ where: string; schema: any }> {
  const out: Array<{ where: string; schema: any }> = [];
  const visit = (schema: any, where: string) => {
    if (!schema || typeof schema !== 'object' || schema.$ref) return;
    out.push({ where, schema });
    for (const [name, property] of Object.entries<any>(schema.properties ?? {})) visit(property, `${where}.${name}`);
    for (const key of ['items', 'additionalProperties', 'propertyNames', 'not'] as const) if (typeof schema[key] === 'object') visit(schema[key], `${where}[${key}]`);
    for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const) (schema[key] ?? []).forEach((s: any, i: number) => visit(s, `${where}[${key}${i}]`));
  };
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) visit(schema, `#/components/schemas/${name}`);
  for (const { key, op } of documentedOperations()) {
    for (const p of op.parameters ?? []) visit(p.schema, `${key} ${p.in} ${p.name}`);
    for (const [type, media] of Object.entries<any>(op.requestBody?.content ?? {})) visit(media.schema, `${key} body ${type}`);
    for (const [status, response] of Object.entries<any>(op.responses ?? {})) {
      for (const [type, media] of Object.entries<any>(response.content ?? {})) visit(media.schema, `${key} ${status} ${type}`);
    }
  }
  return out;
}

describe('the OpenAPI document', () => {
  it('describes exactly the routes Express serves, under /api, /ingest, /webhooks, /q and /embed', () => {
    const served = expressRoutes(api.app as any).sort();
    const documented = documentedOperations().map((o) => o.key).sort();
    expect(documented).toEqual(served);
    for (const prefix of ['/api/', '/ingest/', '/webhooks/', '/q/', '/embed/']) expect(served.some((r) => r.includes(` ${prefix}`)), prefix).toBe(true);
    expect(served.length).toBeGreaterThanOrEqual(50);
  });

  it('is a well-formed OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const schemes = Object.keys(doc.components.securitySchemes);
    expect(schemes.sort()).toEqual(['apiKey', 'ingestToken', 'sessionCookie', 'svixSignature', 'twilioSignature']);
    const tags = new Set(doc.tags.map((t: { name: string }) => t.name));
    const ids = new Set<string>();
    for (const { key, path, op } of documentedOperations()) {
      expect(path.startsWith('/'), key).toBe(true);
      expect(op.operationId, key).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
      expect(ids.has(op.operationId), `${key}: duplicate operationId ${op.operationId}`).toBe(false);
      ids.add(op.operationId);
      expect(op.summary, key).toBeTruthy();
      for (const tag of op.tags) expect(tags.has(tag), `${key}: tag ${tag}`).toBe(true);
      for (const requirement of op.security) for (const name of Object.keys(requirement)) expect(schemes, key).toContain(name);
      // Each {param} in the path is a required path parameter, and nothing else is.
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const pathParams = (op.parameters ?? []).filter((p: any) => p.in === 'path');
      expect(pathParams.map((p: any) => p.name).sort(), key).toEqual(inPath);
      for (const p of pathParams) expect(p.required, `${key} ${p.name}`).toBe(true);
      for (const p of op.parameters ?? []) expect(['path', 'query', 'header', 'cookie'], key).toContain(p.in);
      expect(Object.keys(op.responses).length, key).toBeGreaterThan(1);
      for (const [status, response] of Object.entries<any>(op.responses)) {
        expect(status, key).toMatch(/^[1-5]\d\d$/);
        expect(response.description, `${key} ${status}`).toBeTruthy();
      }
    }
    // Every reference points at a component that exists.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      const [, kind, name] = ref.match(/^#\/components\/(\w+)\/(.+)$/) ?? [];
      expect(doc.components?.[kind!]?.[name!], ref).toBeDefined();
    }
  });

  it('describes every field and every parameter', () => {
    const undescribed: string[] = [];
    for (const { where, schema } of schemas()) {
      for (const [name, property] of Object.entries<any>(schema.properties ?? {})) if (!property.description && !property.$ref) undescribed.push(`${where}.${name}`);
    }
    for (const { key, op } of documentedOperations()) for (const p of op.parameters ?? []) if (!p.description) undescribed.push(`${key} ${p.in} ${p.name}`);
    expect(undescribed).toEqual([]);
  });

  it('lists each operation’s error codes under the status the error middleware gives them', () => {
    const seen = new Set<string>();
    for (const { key, op } of documentedOperations()) {
      for (const [status, response] of Object.entries<any>(op.responses)) {
        if (Number(status) < 400) continue;
        const schema = response.content?.['application/json']?.schema;
        if (!schema) continue; // the quote page's own HTML 404
        const body = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
        if (!body.properties.error) continue; // the health check's 503 is its usual answer
        const codes: ErrorCode[] = body.properties.error.properties.code.enum;
        for (const code of codes) {
          expect(STATUS[code], `${key}: ${code}`).toBe(Number(status));
          seen.add(code);
        }
      }
      expect(op.responses['400'], key).toBeDefined();
      expect(op.responses['500'], key).toBeDefined();
      if (op.security.some((s: object) => 'apiKey' in s)) expect(op.responses['401'], key).toBeDefined();
      if (op.requestBody?.content?.['application/json'] && op.security.some((s: object) => 'apiKey' in s || 'ingestToken' in s)) {
        expect(op.responses['415'], key).toBeDefined();
      }
    }
    for (const code of ['VALIDATION', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT', 'RATE_LIMITED', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'] as const) {
      expect(seen.has(ErrorCodes[code]), code).toBe(true);
    }
  });
});

describe('the API reference page', () => {
  it('is served from this server, without a key, with its own assets (no CDN)', async () => {
    const bare = await api.request().get('/api/docs');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/api/docs/');
    const page = await api.request().get('/api/docs/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const assets = [...page.text.matchAll(/(?:src|href)=['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    expect(assets).toContain('./swagger-ui-bundle.js');
    for (const asset of assets) {
      expect(asset, 'an asset from another host').not.toMatch(/^(https?:)?\/\//);
      expect((await api.request().get(`/api/docs/${asset.replace(/^\.\//, '')}`)).status, asset).toBe(200);
    }
    const init = await api.request().get('/api/docs/swagger-ui-init.js');
    expect(init.text).toContain('/api/openapi.json');
  });
});
