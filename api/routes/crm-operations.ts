import { z } from 'zod';
import { IdParamsSchema } from '../../domain/schemas/common';
import { CreateCustomFieldSchema, CustomFieldListSchema, CustomFieldViewSchema, OrderIdsSchema, UpdateCustomFieldSchema } from '../../domain/schemas/custom-field';
import { BoardQuerySchema, ContactViewSchema, MergeAnswerSchema, MergeContactSchema, UpdateContactSchema } from '../../domain/schemas/contact';
import { ContactTimelineQuerySchema, ContactTimelineSchema } from '../../domain/schemas/contact-timeline';
import { CreateSavedViewSchema, SavedViewSchema, UpdateSavedViewSchema } from '../../domain/schemas/saved-view';
import { CreateStageSchema, DeleteStageQuerySchema, MoveContactStageSchema, StageListSchema, StageViewSchema, UpdateStageSchema } from '../../domain/schemas/pipeline';
import {
  CompanyViewSchema,
  CreateCompanySchema,
  CreateProjectSchema,
  CreateRelationshipSchema,
  ListCompaniesQuerySchema,
  ListProjectsQuerySchema,
  ListRelationshipsQuerySchema,
  ProjectViewSchema,
  RelationshipViewSchema,
  UpdateCompanySchema,
  UpdateProjectSchema,
  UpdateRelationshipSchema,
} from '../../domain/schemas/records';
import type { Operation } from '../openapi/operation';
import * as records from './records/record-routes';
import {
  createStageRoute,
  deleteStageRoute,
  getStageRoute,
  listStagesRoute,
  moveContactStageRoute,
  reorderStagesRoute,
  updateStageRoute,
} from './pipeline/pipeline-routes';
import { contactTimelineRoute } from './contacts/contact-timeline';
import { contactBoardRoute } from './contacts/list-contacts';
import { updateContactRoute } from './contacts/update-contact';
import { mergeContactsRoute } from './contacts/merge-contacts';
import { createSavedViewRoute, deleteSavedViewRoute, getSavedViewRoute, listSavedViewsRoute, updateSavedViewRoute } from './saved-views/saved-view-routes';
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
const nextCursor = z.string().nullable().describe('Pass as cursor for the next page; null on the last page');

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
  {
    method: 'get', path: '/pipeline/board', operationId: 'getPipelineBoard', tag: 'pipeline', security: 'apiKey',
    summary: 'The board: every stage in order (then the contacts in none), each with its count and first contacts',
    description:
      'Takes the contact list’s q, filter and viewId, so the board shows what the list would. Each column is ordered as the list (newest first); its next page is GET /api/contacts with filter {"stageIds":[<its id>]} (or [null] for the contacts in no stage) and cursor=nextCursor.',
    query: BoardQuerySchema,
    responses: {
      200: ok(
        'The board',
        z.object({
          columns: z
            .array(
              z
                .object({
                  stage: StageViewSchema.nullable().describe('The stage; null for the column of contacts in no stage (last)'),
                  count: z.number().int().describe('Contacts in it that match'),
                  contacts: z.array(ContactViewSchema).describe('The first of them, newest first'),
                  nextCursor: z.string().nullable().describe('For GET /api/contacts filtered to this stage; null when all are shown'),
                })
                .describe('A column of the board'),
            )
            .describe('The stages in board order, then the contacts in no stage'),
        }),
      ),
    },
    errors: ['NOT_FOUND'],
    handler: () => contactBoardRoute(),
  },
  {
    method: 'patch', path: '/contacts/:id', operationId: 'updateContact', tag: 'contacts', security: 'apiKey',
    summary: 'Change a contact’s details and custom properties',
    description:
      'Fields left out stay; null clears one. The phone is normalised to E.164 and the email lower-cased; a contact keeps a phone or an email. customProperties are merged in (null removes one) and values of defined custom fields must fit their type. A phone or email another contact has is a 409 with {field, contactId} of that contact, to offer a merge (POST /api/contacts/{id}/merge). The change is in the contact’s timeline (contact.updated, naming the fields, not their values).',
    params: IdParamsSchema, body: json(UpdateContactSchema),
    responses: { 200: ok('Changed', z.object({ contact: ContactViewSchema })) },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: () => updateContactRoute(),
  },
  {
    method: 'get', path: '/contacts/:id/timeline', operationId: 'getContactTimeline', tag: 'contacts', security: 'apiKey',
    summary: 'Everything that happened with a contact, newest first: messages, notes, enrollments, quotes, stage and other changes',
    params: IdParamsSchema, query: ContactTimelineQuerySchema,
    responses: { 200: ok('A page of the timeline', ContactTimelineSchema) },
    errors: ['NOT_FOUND'],
    handler: contactTimelineRoute,
  },
  {
    method: 'get', path: '/saved-views', operationId: 'listSavedViews', tag: 'contacts', security: 'apiKey',
    summary: 'Saved contact lists: the tenant’s shared ones and the calling member’s own, by name',
    responses: { 200: ok('The views', z.object({ views: z.array(SavedViewSchema).describe('By name') })) },
    handler: () => listSavedViewsRoute(),
  },
  {
    method: 'post', path: '/saved-views', operationId: 'createSavedView', tag: 'contacts', security: 'apiKey',
    summary: 'Save a contact filter under a name, shared with the tenant or the member’s own (personal)',
    description: 'The filter must fit the tenant’s custom fields now. A name already used among the tenant’s shared views (or the member’s own) is a 409. An API key has no own views: personal is a 400 for it.',
    body: json(CreateSavedViewSchema),
    responses: { 201: ok('Saved', z.object({ view: SavedViewSchema })) },
    errors: ['CONFLICT'],
    handler: () => createSavedViewRoute(),
  },
  {
    method: 'get', path: '/saved-views/:id', operationId: 'getSavedView', tag: 'contacts', security: 'apiKey',
    summary: 'One saved view (another member’s own is not found)', params: IdParamsSchema,
    responses: { 200: ok('The view', z.object({ view: SavedViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: () => getSavedViewRoute(),
  },
  {
    method: 'patch', path: '/saved-views/:id', operationId: 'updateSavedView', tag: 'contacts', security: 'apiKey',
    summary: 'Rename a saved view or change its filter', params: IdParamsSchema, body: json(UpdateSavedViewSchema),
    responses: { 200: ok('Changed', z.object({ view: SavedViewSchema })) },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: () => updateSavedViewRoute(),
  },
  {
    method: 'delete', path: '/saved-views/:id', operationId: 'deleteSavedView', tag: 'contacts', security: 'apiKey',
    summary: 'Delete a saved view', params: IdParamsSchema,
    responses: { 204: { description: 'Deleted' } },
    errors: ['NOT_FOUND'],
    handler: () => deleteSavedViewRoute(),
  },
  {
    method: 'get', path: '/companies', operationId: 'listCompanies', tag: 'companies', security: 'apiKey',
    summary: 'Companies, newest first, searched by name or domain', query: ListCompaniesQuerySchema,
    responses: { 200: ok('A page', z.object({ companies: z.array(CompanyViewSchema).describe('Newest first'), nextCursor })) },
    handler: () => records.listCompaniesRoute(),
  },
  {
    method: 'post', path: '/companies', operationId: 'createCompany', tag: 'companies', security: 'apiKey',
    summary: 'Add a company (a name the tenant has, in any case, is a 409 naming it)', body: json(CreateCompanySchema),
    responses: { 201: ok('Made', z.object({ company: CompanyViewSchema })) },
    errors: ['CONFLICT'],
    handler: () => records.createCompanyRoute(),
  },
  {
    method: 'get', path: '/companies/:id', operationId: 'getCompany', tag: 'companies', security: 'apiKey',
    summary: 'One company', params: IdParamsSchema,
    responses: { 200: ok('The company', z.object({ company: CompanyViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: () => records.getCompanyRoute(),
  },
  {
    method: 'patch', path: '/companies/:id', operationId: 'updateCompany', tag: 'companies', security: 'apiKey',
    summary: 'Change a company', params: IdParamsSchema, body: json(UpdateCompanySchema),
    responses: { 200: ok('Changed', z.object({ company: CompanyViewSchema })) },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: () => records.updateCompanyRoute(),
  },
  {
    method: 'delete', path: '/companies/:id', operationId: 'deleteCompany', tag: 'companies', security: 'apiKey', role: 'admin',
    summary: 'Delete a company: its relationships go (each in its contact’s timeline), its projects stay without it', params: IdParamsSchema,
    responses: { 204: { description: 'Deleted' } },
    errors: ['NOT_FOUND'],
    handler: () => records.deleteCompanyRoute(),
  },
  {
    method: 'get', path: '/projects', operationId: 'listProjects', tag: 'projects', security: 'apiKey',
    summary: 'Opportunities and positions, newest first, searched and filtered', query: ListProjectsQuerySchema,
    responses: { 200: ok('A page', z.object({ projects: z.array(ProjectViewSchema).describe('Newest first'), nextCursor })) },
    handler: () => records.listProjectsRoute(),
  },
  {
    method: 'post', path: '/projects', operationId: 'createProject', tag: 'projects', security: 'apiKey',
    summary: 'Add an opportunity or a position, maybe at a company', body: json(CreateProjectSchema),
    responses: { 201: ok('Made', z.object({ project: ProjectViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: () => records.createProjectRoute(),
  },
  {
    method: 'get', path: '/projects/:id', operationId: 'getProject', tag: 'projects', security: 'apiKey',
    summary: 'One project', params: IdParamsSchema,
    responses: { 200: ok('The project', z.object({ project: ProjectViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: () => records.getProjectRoute(),
  },
  {
    method: 'patch', path: '/projects/:id', operationId: 'updateProject', tag: 'projects', security: 'apiKey',
    summary: 'Change a project', params: IdParamsSchema, body: json(UpdateProjectSchema),
    responses: { 200: ok('Changed', z.object({ project: ProjectViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: () => records.updateProjectRoute(),
  },
  {
    method: 'delete', path: '/projects/:id', operationId: 'deleteProject', tag: 'projects', security: 'apiKey', role: 'admin',
    summary: 'Delete a project: its relationships go (each in its contact’s timeline)', params: IdParamsSchema,
    responses: { 204: { description: 'Deleted' } },
    errors: ['NOT_FOUND'],
    handler: () => records.deleteProjectRoute(),
  },
  {
    method: 'get', path: '/relationships', operationId: 'listRelationships', tag: 'relationships', security: 'apiKey',
    summary: 'A contact’s, a company’s or a project’s relationships, newest first', query: ListRelationshipsQuerySchema,
    responses: { 200: ok('A page', z.object({ relationships: z.array(RelationshipViewSchema).describe('Newest first'), nextCursor })) },
    handler: () => records.listRelationshipsRoute(),
  },
  {
    method: 'post', path: '/relationships', operationId: 'createRelationship', tag: 'relationships', security: 'apiKey',
    summary: 'Tie a contact to a company or a project as client, candidate or both (recorded in the contact’s timeline)', body: json(CreateRelationshipSchema),
    responses: { 201: ok('Made', z.object({ relationship: RelationshipViewSchema })) },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: () => records.createRelationshipRoute(),
  },
  {
    method: 'get', path: '/relationships/:id', operationId: 'getRelationship', tag: 'relationships', security: 'apiKey',
    summary: 'One relationship', params: IdParamsSchema,
    responses: { 200: ok('The relationship', z.object({ relationship: RelationshipViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: () => records.getRelationshipRoute(),
  },
  {
    method: 'patch', path: '/relationships/:id', operationId: 'updateRelationship', tag: 'relationships', security: 'apiKey',
    summary: 'Change a relationship', params: IdParamsSchema, body: json(UpdateRelationshipSchema),
    responses: { 200: ok('Changed', z.object({ relationship: RelationshipViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: () => records.updateRelationshipRoute(),
  },
  {
    method: 'delete', path: '/relationships/:id', operationId: 'deleteRelationship', tag: 'relationships', security: 'apiKey',
    summary: 'Untie a contact (recorded in its timeline)', params: IdParamsSchema,
    responses: { 204: { description: 'Deleted' } },
    errors: ['NOT_FOUND'],
    handler: () => records.deleteRelationshipRoute(),
  },
  {
    method: 'post', path: '/contacts/:id/merge', operationId: 'mergeContacts', tag: 'contacts', security: 'apiKey',
    summary: 'Merge a duplicate (sourceId) into this contact: everything of it moves here, in one transaction',
    description:
      'Threads, messages, notes, enrollments, quotes and relationships move to this contact; a thread on a channel it has joins its thread (one per channel), a relationship to a company or project it has joins its one. This contact keeps its values and takes the duplicate’s where it has none (custom properties too); consent takes the most restrictive (an opt-out on either side wins). The duplicate is deleted: its id answers 404 with details.mergedIntoId, and workflows started with it (enrollments, inbound messages) carry on for this contact. Its enrollments in sequences this contact runs too are stopped. Recorded as contact.merged in the timeline, with its author and the fields taken (not their values). Two merges of the same contacts at once run one after the other; the second gets the 404 saying where its duplicate went.',
    params: IdParamsSchema, body: json(MergeContactSchema),
    responses: { 200: ok('Merged', MergeAnswerSchema) },
    errors: ['NOT_FOUND'],
    handler: mergeContactsRoute,
  },
];
