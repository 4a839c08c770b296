import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import type { ErrorCode } from '../../domain/errors';
import { ContactViewSchema } from '../../domain/schemas/contact';
import { CurrencySchema, CustomPropertiesSchema, IsoInstantSchema } from '../../domain/schemas/common';
import { MessageViewSchema } from '../../domain/schemas/message';
import { QuoteViewSchema } from '../../domain/schemas/quote';
import { BulkEnrollmentViewSchema, EnrollmentViewSchema, SequenceSettingsSchema, SequenceStepSchema, SequenceViewSchema } from '../../domain/schemas/sequence';
import { TemplateViewSchema } from '../../domain/schemas/template';
import { STATUS } from '../http/error-middleware';
import { MEDIA_TYPES } from '../http/body-parsers';
import { errorCodesOf, openApiPath, requiredRole, type Operation, type OperationGroup, type Security } from './operation';

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input',
  401: 'No valid key',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'Body in a media type, charset or encoding this route does not read',
  422: 'Cannot be done for this contact or content',
  429: 'Too many requests',
  500: 'A bug on our side',
  502: 'The provider refused',
  503: 'A dependency is unavailable',
};

/** The error body, its `code` limited to those that answer with this status on this route. */
function errorBodySchema(codes: ErrorCode[]): z.ZodType {
  return z
    .object({
      error: z
        .object({
          code: z.enum(codes as [ErrorCode, ...ErrorCode[]]).describe('Stable error code'),
          message: z.string().describe('What went wrong, for people'),
          details: z.record(z.string(), z.unknown()).optional().describe('Facts about the error, by code'),
          issues: z
            .array(z.object({ path: z.string().describe('The field, dotted'), message: z.string().describe('What is wrong with it') }).describe('A field at fault'))
            .optional()
            .describe('Validation errors: every field at fault'),
        })
        .describe('The error'),
    })
    .describe('An error');
}

/** One component per set of codes (most routes share theirs), named after the codes. */
class ErrorBodies {
  readonly components: Record<string, z.ZodType> = {};

  for(codes: ErrorCode[]): z.ZodType {
    const name = `Error-${codes.join('-')}`;
    return (this.components[name] ??= errorBodySchema(codes));
  }
}

function errorResponses(op: Operation, errorBodies: ErrorBodies): ZodOpenApiResponsesObject {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(op)) byStatus.set(STATUS[code], [...(byStatus.get(STATUS[code]) ?? []), code]);
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status) as `${4 | 5}${string}`] = {
      description: `${STATUS_TEXT[status] ?? 'Error'}: ${codes.join(', ')}`,
      content: { 'application/json': { schema: errorBodies.for(codes) } },
    };
  }
  return responses;
}

const SECURITY: Record<Security, Array<Record<string, string[]>>> = {
  // A tenant caller: an API key or a member's session, either one.
  apiKey: [{ apiKey: [] }, { sessionCookie: [] }],
  ingestToken: [{ ingestToken: [] }],
  twilioSignature: [{ twilioSignature: [] }],
  svixSignature: [{ svixSignature: [] }],
  // A form's public id is in the path: it names the form, it proves nothing.
  leadForm: [],
  none: [],
};

function operationObject(op: Operation, errorBodies: ErrorBodies): ZodOpenApiOperationObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, response] of Object.entries(op.responses)) {
    responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: response.description,
      ...(response.schema
        ? {
            content: {
              [response.contentType ?? 'application/json']: { schema: response.schema },
              ...Object.fromEntries((response.alternatives ?? []).map((alternative) => [alternative.contentType, { schema: alternative.schema }])),
            },
          }
        : {}),
    };
  }
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    security: SECURITY[op.security],
    // The least role the caller (a member's session or an API key) needs.
    ...(op.security === 'apiKey' ? { 'x-herald-role': requiredRole(op) } : {}),
    ...(op.params || op.query || op.headers
      ? { requestParams: { ...(op.params ? { path: op.params } : {}), ...(op.query ? { query: op.query } : {}), ...(op.headers ? { header: op.headers } : {}) } }
      : {}),
    ...(op.body
      ? {
          requestBody: {
            required: op.body.required,
            content: Object.fromEntries((op.body.mediaType ? [op.body.mediaType] : MEDIA_TYPES[op.body.kind]).map((type) => [type, { schema: op.body!.schema }])),
          },
        }
      : {}),
    responses: { ...responses, ...errorResponses(op, errorBodies) },
  };
}

const DESCRIPTION = `Herald's HTTP API: contacts, messages, templates, sequences and enrollments, quotes, and the endpoints
websites (ingest) and providers (webhooks) call.

- **Errors** are \`{"error": {"code", "message"}}\`; each route lists its codes under their statuses. A 500 is a bug.
- **Bodies** are JSON (\`Content-Type: application/json\`, UTF-8) unless a route says otherwise; another media
  type or charset is a 415.
- **Text** may not contain NUL (\\u0000) or lone surrogates; such input is a 400 naming the field.
- **Callers** of tenant routes are a member signed in to the app (session cookie) or a machine with an API key;
  both act in one tenant with a role (viewer < agent < admin < owner; \`x-herald-role\` is the least a route needs).
  Sign in, sign out and password reset are Better Auth's endpoints under \`/api/auth\` (\`POST /api/auth/sign-in/email\`,
  \`POST /api/auth/sign-out\`, \`POST /api/auth/request-password-reset\`, \`POST /api/auth/reset-password\`).
- **Custom properties** are flat: name → text, number, true/false or null; at most 100.`;

/** The OpenAPI 3.1 document of every operation, generated from the same table that registers the routes. */
export function openApiDocument(groups: OperationGroup[]) {
  const paths: ZodOpenApiPathsObject = {};
  const errorBodies = new ErrorBodies();
  for (const group of groups) {
    for (const op of group.operations) {
      const path = openApiPath(group.prefix, op.path);
      paths[path] = { ...paths[path], [op.method]: operationObject(op, errorBodies) };
    }
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Herald API', version: '1', description: DESCRIPTION, license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: '/', description: 'This server' }],
    tags: [...new Set(groups.flatMap((g) => g.operations.map((o) => o.tag)))].map((name) => ({ name })),
    paths,
    components: {
      // Named once and referenced everywhere they appear.
      schemas: {
        Contact: ContactViewSchema,
        Message: MessageViewSchema,
        Template: TemplateViewSchema,
        Sequence: SequenceViewSchema,
        SequenceSettings: SequenceSettingsSchema,
        SequenceStep: SequenceStepSchema,
        Enrollment: EnrollmentViewSchema,
        BulkEnrollment: BulkEnrollmentViewSchema,
        Quote: QuoteViewSchema,
        Currency: CurrencySchema,
        CustomProperties: CustomPropertiesSchema,
        IsoInstant: IsoInstantSchema,
        ...errorBodies.components,
      },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A tenant API key: `Authorization: Bearer <key>` (or `X-Api-Key: <key>`). It acts with its role (POST /api/api-keys).' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'herald.session_token',
          description:
            'A member’s session (`__Secure-herald.session_token` over https), set by POST /api/signup, POST /api/invitations/{id}/accept or POST /api/auth/sign-in/email. It acts in the session’s tenant with the member’s role. Changes (POST, PUT, PATCH, DELETE) must come from the app: an `Origin` the server trusts, or `Sec-Fetch-Site: same-origin`; otherwise 403 CSRF_REJECTED.',
        },
        ingestToken: { type: 'http', scheme: 'bearer', description: 'A per-tenant ingest token (`it_…`, from POST /api/ingest-tokens): it can only add leads and quotes.' },
        twilioSignature: { type: 'apiKey', in: 'header', name: 'X-Twilio-Signature', description: 'Twilio’s signature over the public URL and the form body (TWILIO_AUTH_TOKEN).' },
        svixSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'svix-signature',
          description: 'Resend’s Svix signature over svix-id, svix-timestamp and the raw body (RESEND_WEBHOOK_SECRET).',
        },
      },
    },
  });
}
