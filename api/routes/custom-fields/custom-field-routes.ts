import type { RequestHandler } from 'express';
import { CreateCustomFieldSchema, OrderIdsSchema, UpdateCustomFieldSchema, type CustomFieldView } from '../../../domain/schemas/custom-field';
import type { CustomFieldType } from '../../../domain/custom-fields';
import {
  createCustomField,
  deleteCustomField,
  getCustomFieldOrThrow,
  listCustomFields,
  reorderCustomFields,
  updateCustomField,
} from '../../../prisma/queries/custom-fields/custom-fields';
import { tenantOf } from '../../http/authenticate';

type CustomFieldRow = { id: string; key: string; label: string; type: CustomFieldType; options: string[]; position: number; createdAt: Date; updatedAt: Date };

export function toCustomFieldView(row: CustomFieldRow): CustomFieldView {
  return {
    id: row.id,
    key: row.key,
    label: row.label,
    type: row.type,
    options: row.options,
    position: row.position,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function listCustomFieldsRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ customFields: (await listCustomFields(tenantOf(res).db)).map(toCustomFieldView) });
  };
}

export function getCustomFieldRoute(): RequestHandler {
  return async (req, res) => {
    res.json({ customField: toCustomFieldView(await getCustomFieldOrThrow(tenantOf(res).db, String(req.params.id))) });
  };
}

export function createCustomFieldRoute(): RequestHandler {
  return async (req, res) => {
    const input = CreateCustomFieldSchema.parse(req.body);
    res.status(201).json({ customField: toCustomFieldView(await createCustomField(tenantOf(res).db, input)) });
  };
}

export function updateCustomFieldRoute(): RequestHandler {
  return async (req, res) => {
    const input = UpdateCustomFieldSchema.parse(req.body);
    res.json({ customField: toCustomFieldView(await updateCustomField(tenantOf(res).db, String(req.params.id), input)) });
  };
}

export function deleteCustomFieldRoute(): RequestHandler {
  return async (req, res) => {
    await deleteCustomField(tenantOf(res).db, String(req.params.id));
    res.status(204).end();
  };
}

export function reorderCustomFieldsRoute(): RequestHandler {
  return async (req, res) => {
    const { ids } = OrderIdsSchema.parse(req.body);
    res.json({ customFields: (await reorderCustomFields(tenantOf(res).db, ids)).map(toCustomFieldView) });
  };
}
