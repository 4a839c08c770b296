import { z } from 'zod';
import { IdParamsSchema } from '../../domain/schemas/common';
import { CreateCustomFieldSchema, CustomFieldListSchema, CustomFieldViewSchema, OrderIdsSchema, UpdateCustomFieldSchema } from '../../domain/schemas/custom-field';
import { ContactViewSchema } from '../../domain/schemas/contact';
import { CreateStageSchema, DeleteStageQuerySchema, MoveContactStageSchema, StageListSchema, StageViewSchema, UpdateStageSchema } from '../../domain/schemas/pipeline';
import type { Operation } from '../openapi/operation';
import {
  createStageRoute,
  deleteStageRoute,
  getStageRoute,
  listStagesRoute,
  moveContactStageRoute,
  reorderStagesRoute,
  updateStageRoute,
} from './pipeline/pipeline-routes';
import {
  createCustomFieldRoute,
  deleteCustomFieldRoute,
  getCustomFieldRoute,
  listCustomFieldsRoute,
  reorderCustomFieldsRoute,
  updateCustomFieldRoute,
} from './custom-fields/custom-field-routes';

const json = (schema: z.ZodType, required = true) => ({ kind: 'json' as const, schema, limit: '1mb', required });
const ok = (description: string, schema: z.ZodType) => ({ description, schema });

/**
 * The CRM's records: custom fields, pipeline stages and the board, saved views, companies, projects,
 * relationships, and what is done to contacts beyond the basics (edit, stage, timeline, merge). Viewers read;
 * agents work contacts, their stage and relationships; admins define fields and stages, and delete.
 */
export const crmOperations: Operation[] = [
  {
    method: 'get', path: '/custom-fields', operationId: 'listCustomFields', tag: 'custom fields', security: 'apiKey',
    summary: 'The tenant’s custom fields for contacts, in their order',
    responses: { 200: ok('The fields', CustomFieldListSchema) },
    handler: () => listCustomFieldsRoute(),
  },
  {
    method: 'post', path: '/custom-fields', operationId: 'createCustomField', tag: 'custom fields', security: 'apiKey', role: 'admin',
    summary: 'Define a custom field: contacts’ values under its key must then fit its type',
    description:
      'Values live in each contact’s customProperties under the key. Creating or editing a contact checks the values of defined fields against their type (a 400 names the field); keys no field defines stay free-form. Values stored before the field existed are kept as they are; filters by the field skip the ones that do not fit.',
    body: json(CreateCustomFieldSchema),
    responses: { 201: ok('Defined', z.object({ customField: CustomFieldViewSchema })) },
    errors: ['CONFLICT'],
    handler: () => createCustomFieldRoute(),
  },
  {
    method: 'put', path: '/custom-fields/order', operationId: 'reorderCustomFields', tag: 'custom fields', security: 'apiKey', role: 'admin',
    summary: 'Put the custom fields in a new order (every field’s id, once)',
    body: json(OrderIdsSchema),
    responses: { 200: ok('The fields in their new order', CustomFieldListSchema) },
    errors: ['CONFLICT'],
    handler: () => reorderCustomFieldsRoute(),
  },
  {
    method: 'get', path: '/custom-fields/:id', operationId: 'getCustomField', tag: 'custom fields', security: 'apiKey',
    summary: 'One custom field', params: IdParamsSchema,
    responses: { 200: ok('The field', z.object({ customField: CustomFieldViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: () => getCustomFieldRoute(),
  },
  {
    method: 'patch', path: '/custom-fields/:id', operationId: 'updateCustomField', tag: 'custom fields', security: 'apiKey', role: 'admin',
    summary: 'Change a custom field’s label, or a select’s options', params: IdParamsSchema, body: json(UpdateCustomFieldSchema),
    responses: { 200: ok('Changed', z.object({ customField: CustomFieldViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: () => updateCustomFieldRoute(),
  },
  {
    method: 'delete', path: '/custom-fields/:id', operationId: 'deleteCustomField', tag: 'custom fields', security: 'apiKey', role: 'admin',
    summary: 'Delete a custom field (contacts keep their values, free-form)', params: IdParamsSchema,
    responses: { 204: { description: 'Deleted' } },
    errors: ['NOT_FOUND'],
    handler: () => deleteCustomFieldRoute(),
  },
  {
    method: 'get', path: '/pipeline-stages', operationId: 'listPipelineStages', tag: 'pipeline', security: 'apiKey',
    summary: 'The tenant’s pipeline stages in board order',
    description: 'Every tenant starts with New, Contacted, Qualified (open), Won and Lost.',
    responses: { 200: ok('The stages', StageListSchema) },
    handler: () => listStagesRoute(),
  },
  {
    method: 'post', path: '/pipeline-stages', operationId: 'createPipelineStage', tag: 'pipeline', security: 'apiKey', role: 'admin',
    summary: 'Add a stage at the end of the pipeline', body: json(CreateStageSchema),
    responses: { 201: ok('Added', z.object({ stage: StageViewSchema })) },
    errors: ['CONFLICT'],
    handler: () => createStageRoute(),
  },
  {
    method: 'put', path: '/pipeline-stages/order', operationId: 'reorderPipelineStages', tag: 'pipeline', security: 'apiKey', role: 'admin',
    summary: 'Put the stages in a new order (every stage’s id, once)', body: json(OrderIdsSchema),
    responses: { 200: ok('The stages in their new order', StageListSchema) },
    errors: ['CONFLICT'],
    handler: () => reorderStagesRoute(),
  },
  {
    method: 'get', path: '/pipeline-stages/:id', operationId: 'getPipelineStage', tag: 'pipeline', security: 'apiKey',
    summary: 'One stage', params: IdParamsSchema,
    responses: { 200: ok('The stage', z.object({ stage: StageViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: () => getStageRoute(),
  },
  {
    method: 'patch', path: '/pipeline-stages/:id', operationId: 'updatePipelineStage', tag: 'pipeline', security: 'apiKey', role: 'admin',
    summary: 'Rename a stage or change its kind', params: IdParamsSchema, body: json(UpdateStageSchema),
    responses: { 200: ok('Changed', z.object({ stage: StageViewSchema })) },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: () => updateStageRoute(),
  },
  {
    method: 'delete', path: '/pipeline-stages/:id', operationId: 'deletePipelineStage', tag: 'pipeline', security: 'apiKey', role: 'admin',
    summary: 'Delete a stage, moving its contacts to another first (moveTo)',
    description: 'A stage with contacts and no moveTo is a 409 saying how many. Each contact moved is recorded in its timeline like any move.',
    params: IdParamsSchema, query: DeleteStageQuerySchema,
    responses: { 200: ok('Deleted', z.object({ moved: z.number().int().describe('Contacts moved to moveTo') })) },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: () => deleteStageRoute(),
  },
  {
    method: 'post', path: '/contacts/:id/stage', operationId: 'moveContactStage', tag: 'pipeline', security: 'apiKey',
    summary: 'Move a contact to a stage (or out of the pipeline with null)',
    description: 'Recorded in the event log with its author (contact.stage_changed, from and to), so the contact’s timeline shows it. Moving it where it stands changes nothing.',
    params: IdParamsSchema, body: json(MoveContactStageSchema),
    responses: { 200: ok('Moved', z.object({ contact: ContactViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: () => moveContactStageRoute(),
  },
];
