import type { RequestHandler } from 'express';
import type { z } from 'zod';
import type { ErrorCode } from '../../domain/errors';
import type { Role } from '../../domain/roles';
import type { ApiDeps } from '../deps';
import type { BodyKind } from '../http/body-parsers';

/** `options`: a CORS preflight, for the few routes web pages on other sites call. */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options';

export type { Role } from '../../domain/roles';

/**
 * How a caller proves who it is. `apiKey` is any tenant caller: an API key or a member's session cookie (two
 * OpenAPI schemes, either one); the others are one scheme each. `leadForm` proves nothing: a web page names an
 * embeddable form by its public id (`:formId`), and the form decides which pages may use it (CORS), whether it
 * takes submissions, and how many (per client address and per form).
 */
export type Security = 'apiKey' | 'ingestToken' | 'twilioSignature' | 'svixSignature' | 'leadForm' | 'none';

export interface OperationResponse {
  description: string;
  /** JSON unless `contentType` says otherwise; none for an empty body (204, redirects). */
  schema?: z.ZodType;
  contentType?: string;
  /** The same answer in other media types, for a caller who asks for one (Accept, or a parameter the route documents). */
  alternatives?: Array<{ contentType: string; schema: z.ZodType }>;
}

/**
 * One HTTP operation: what Express registers and what the OpenAPI document describes, from the same entry, so
 * a route cannot exist without its documentation. The handler keeps parsing its own input with the schemas
 * named here; the table adds what every route shares (authentication, body parsing, checks on text and path
 * parameters).
 */
export interface Operation {
  method: HttpMethod;
  /** Express syntax, relative to the group's prefix: `/contacts/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  security: Security;
  /**
   * The least role the caller needs, when more than the default (viewer to read, agent to change); enforced by
   * `mountOperations` for every caller with a role, and shown in the document as `x-herald-role`.
   */
  role?: Role;
  /** Path parameters: checked before the handler runs. */
  params?: z.ZodObject;
  /** Query parameters: the handler parses them with this schema. */
  query?: z.ZodObject;
  /** Request headers the operation reads (other than security). */
  headers?: z.ZodObject;
  /** Read with the parser for `kind`; the handler parses it with `schema`. */
  body?: { kind: BodyKind; schema: z.ZodType; limit: string; required: boolean; mediaType?: string };
  /** Answers that are not errors, by status. */
  responses: Record<number, OperationResponse>;
  /** Error codes the handler itself may answer with, beyond those implied by security, body and parameters. */
  errors?: ErrorCode[];
  /** Extra middleware after authentication and parsing, before the handler (e.g. a rate limit). */
  middleware?: (deps: ApiDeps) => RequestHandler[];
  handler: (deps: ApiDeps) => RequestHandler;
}

/** Operations mounted together under one prefix. */
export interface OperationGroup {
  prefix: '/api' | '/ingest' | '/webhooks' | '/q' | '/embed';
  operations: Operation[];
  /** Middleware for every request under the prefix, before its operation's own. */
  before?: (deps: ApiDeps) => RequestHandler[];
}

/** The least role an operation needs: its own, or viewer for reads and agent for changes. */
export function requiredRole(op: Operation): Role {
  return op.role ?? (op.method === 'get' ? 'viewer' : 'agent');
}

/** The error codes an operation can answer with: what it declares, plus what every route of its kind can say. */
export function errorCodesOf(op: Operation): ErrorCode[] {
  const codes = new Set<ErrorCode>(['VALIDATION', ...(op.errors ?? []), 'INTERNAL']);
  if (op.security === 'apiKey' || op.security === 'ingestToken') codes.add('UNAUTHENTICATED');
  if (op.security === 'apiKey') {
    codes.add('FORBIDDEN');
    codes.add('CSRF_REJECTED');
  }
  if (op.security === 'ingestToken') codes.add('RATE_LIMITED');
  if (op.security === 'twilioSignature' || op.security === 'svixSignature') codes.add('FORBIDDEN');
  if (op.security === 'leadForm') {
    codes.add('NOT_FOUND');
    codes.add('FORBIDDEN');
    if (op.method === 'post') codes.add('RATE_LIMITED');
  }
  if (op.body) {
    codes.add('PAYLOAD_TOO_LARGE');
    if (op.body.kind !== 'raw') codes.add('UNSUPPORTED_MEDIA_TYPE');
  }
  return [...codes];
}

/** `/contacts/:id` → `/contacts/{id}`. */
export function openApiPath(prefix: string, expressPath: string): string {
  return `${prefix}${expressPath}`.replace(/:(\w+)/g, '{$1}');
}
