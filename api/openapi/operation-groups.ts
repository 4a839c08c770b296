import { apiGroup } from '../routes';
import { embedGroup } from '../routes/embed/embed-group';
import { ingestGroup } from '../routes/ingest';
import { quotePageGroup } from '../routes/quote-page/quote-page-group';
import { webhooksGroup } from '../routes/webhooks';
import { docsGroup } from './docs-group';
import { openApiDocument } from './openapi-document';
import type { OperationGroup } from './operation';

let document: ReturnType<typeof openApiDocument> | undefined;

/** The whole API: every route Express serves is an operation here, and the OpenAPI document describes exactly these. */
export const OPERATION_GROUPS: readonly OperationGroup[] = [
  apiGroup,
  docsGroup(() => heraldOpenApiDocument()),
  ingestGroup,
  webhooksGroup,
  quotePageGroup,
  embedGroup,
];

export function heraldOpenApiDocument(): ReturnType<typeof openApiDocument> {
  document ??= openApiDocument([...OPERATION_GROUPS]);
  return document;
}
