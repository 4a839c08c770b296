import type { RequestHandler } from 'express';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../../domain/inbox';
import {
  CreateCompanySchema,
  CreateProjectSchema,
  CreateRelationshipSchema,
  ListCompaniesQuerySchema,
  ListProjectsQuerySchema,
  ListRelationshipsQuerySchema,
  UpdateCompanySchema,
  UpdateProjectSchema,
  UpdateRelationshipSchema,
  type CompanyView,
  type ProjectView,
  type RelationshipView,
} from '../../../domain/schemas/records';
import { createCompany, deleteCompany, getCompanyOrThrow, listCompanies, updateCompany } from '../../../prisma/queries/companies/companies';
import { createProject, deleteProject, getProjectOrThrow, listProjects, updateProject } from '../../../prisma/queries/projects/projects';
import { createRelationship, deleteRelationship, getRelationshipOrThrow, listRelationships, updateRelationship } from '../../../prisma/queries/relationships/relationships';
import { tenantOf } from '../../http/authenticate';
import { contactName } from '../../views';
import { actorOf } from '../../http/actor';

type CompanyRow = { id: string; name: string; domain: string | null; createdAt: Date; updatedAt: Date };
type ProjectRow = {
  id: string;
  name: string;
  kind: ProjectView['kind'];
  status: ProjectView['status'];
  company: { id: string; name: string } | null;
  value: { toFixed(digits: number): string } | null;
  currency: string | null;
  createdAt: Date;
  updatedAt: Date;
};
type RelationshipRow = {
  id: string;
  contact: { id: string; firstName: string | null; lastName: string | null };
  company: { id: string; name: string } | null;
  project: { id: string; name: string; kind: ProjectView['kind'] } | null;
  roles: RelationshipView['roles'];
  title: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export const toCompanyView = (r: CompanyRow): CompanyView => ({ id: r.id, name: r.name, domain: r.domain, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

export const toProjectView = (r: ProjectRow): ProjectView => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  status: r.status,
  company: r.company ? { id: r.company.id, name: r.company.name } : null,
  value: r.value ? r.value.toFixed(2) : null,
  currency: r.currency,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const toRelationshipView = (r: RelationshipRow): RelationshipView => ({
  id: r.id,
  contact: { id: r.contact.id, name: contactName(r.contact) },
  company: r.company ? { id: r.company.id, name: r.company.name } : null,
  project: r.project ? { id: r.project.id, name: r.project.name, kind: r.project.kind } : null,
  roles: [...r.roles].sort(),
  title: r.title,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const cursorOf = (value: string | undefined) => (value ? decodeKeysetCursor(value) : undefined);
const nextOf = (next: { at: Date; id: string } | null) => (next ? encodeKeysetCursor(next) : null);
const idOf = (req: { params: Record<string, unknown> }) => String(req.params.id);

// ── Companies ──
export const listCompaniesRoute = (): RequestHandler => async (req, res) => {
  const query = ListCompaniesQuerySchema.parse(req.query);
  const page = await listCompanies(tenantOf(res).db, { ...query, cursor: cursorOf(query.cursor) });
  res.json({ companies: page.companies.map(toCompanyView), nextCursor: nextOf(page.next) });
};
export const getCompanyRoute = (): RequestHandler => async (req, res) => {
  res.json({ company: toCompanyView(await getCompanyOrThrow(tenantOf(res).db, idOf(req))) });
};
export const createCompanyRoute = (): RequestHandler => async (req, res) => {
  const input = CreateCompanySchema.parse(req.body);
  res.status(201).json({ company: toCompanyView(await createCompany(tenantOf(res).db, input)) });
};
export const updateCompanyRoute = (): RequestHandler => async (req, res) => {
  const input = UpdateCompanySchema.parse(req.body);
  res.json({ company: toCompanyView(await updateCompany(tenantOf(res).db, idOf(req), input)) });
};
export const deleteCompanyRoute = (): RequestHandler => async (req, res) => {
  await deleteCompany(tenantOf(res).db, idOf(req), actorOf(res));
  res.status(204).end();
};

// ── Projects ──
export const listProjectsRoute = (): RequestHandler => async (req, res) => {
  const query = ListProjectsQuerySchema.parse(req.query);
  const page = await listProjects(tenantOf(res).db, { ...query, cursor: cursorOf(query.cursor) });
  res.json({ projects: page.projects.map(toProjectView), nextCursor: nextOf(page.next) });
};
export const getProjectRoute = (): RequestHandler => async (req, res) => {
  res.json({ project: toProjectView(await getProjectOrThrow(tenantOf(res).db, idOf(req))) });
};
export const createProjectRoute = (): RequestHandler => async (req, res) => {
  const input = CreateProjectSchema.parse(req.body);
  res.status(201).json({ project: toProjectView(await createProject(tenantOf(res).db, input)) });
};
export const updateProjectRoute = (): RequestHandler => async (req, res) => {
  const input = UpdateProjectSchema.parse(req.body);
  res.json({ project: toProjectView(await updateProject(tenantOf(res).db, idOf(req), input)) });
};
export const deleteProjectRoute = (): RequestHandler => async (req, res) => {
  await deleteProject(tenantOf(res).db, idOf(req), actorOf(res));
  res.status(204).end();
};

// ── Relationships ──
export const listRelationshipsRoute = (): RequestHandler => async (req, res) => {
  const query = ListRelationshipsQuerySchema.parse(req.query);
  const page = await listRelationships(tenantOf(res).db, { ...query, cursor: cursorOf(query.cursor) });
  res.json({ relationships: page.relationships.map(toRelationshipView), nextCursor: nextOf(page.next) });
};
export const getRelationshipRoute = (): RequestHandler => async (req, res) => {
  res.json({ relationship: toRelationshipView(await getRelationshipOrThrow(tenantOf(res).db, idOf(req))) });
};
export const createRelationshipRoute = (): RequestHandler => async (req, res) => {
  const input = CreateRelationshipSchema.parse(req.body);
  res.status(201).json({ relationship: toRelationshipView(await createRelationship(tenantOf(res).db, input, actorOf(res))) });
};
export const updateRelationshipRoute = (): RequestHandler => async (req, res) => {
  const input = UpdateRelationshipSchema.parse(req.body);
  res.json({ relationship: toRelationshipView(await updateRelationship(tenantOf(res).db, idOf(req), input, actorOf(res))) });
};
export const deleteRelationshipRoute = (): RequestHandler => async (req, res) => {
  await deleteRelationship(tenantOf(res).db, idOf(req), actorOf(res));
  res.status(204).end();
};
