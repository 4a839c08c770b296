import { z } from 'zod';
import { CurrencySchema, IdSchema, MoneyAmountSchema } from './common';

/** Companies, projects (opportunities and positions) and the relationships tying contacts to them. */

const NameSchema = z.string().trim().min(1).max(200);
const DomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/, 'a domain such as acme.com (no scheme, no path)');
const LimitSchema = z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1–200');
const CursorSchema = z.string().max(200).optional().describe('The previous page’s nextCursor');
const SearchSchema = z.string().trim().min(1).max(200).optional();

// ── Companies ──────────────────────────────────────────────────────────────────────────────────────────

export const CreateCompanySchema = z
  .object({
    name: NameSchema.describe('Its name, unique in the tenant whatever its case'),
    domain: DomainSchema.optional().describe('Its web domain, e.g. acme.com'),
  })
  .strict()
  .describe('A new company');
export type CreateCompany = z.infer<typeof CreateCompanySchema>;

export const UpdateCompanySchema = z
  .object({ name: NameSchema.optional().describe('Its name'), domain: DomainSchema.nullable().optional().describe('Its web domain; null clears it') })
  .strict()
  .describe('Changes to a company');
export type UpdateCompany = z.infer<typeof UpdateCompanySchema>;

export const ListCompaniesQuerySchema = z
  .object({ q: SearchSchema.describe('Part of its name or domain, any case'), limit: LimitSchema, cursor: CursorSchema })
  .strict();

export const CompanyViewSchema = z
  .object({
    id: z.string().describe('Company id (cmp_…)'),
    name: z.string().describe('Its name'),
    domain: z.string().nullable().describe('Its web domain'),
    createdAt: z.string().describe('When it was added'),
    updatedAt: z.string().describe('When it last changed'),
  })
  .describe('A company');
export type CompanyView = z.infer<typeof CompanyViewSchema>;

// ── Projects ───────────────────────────────────────────────────────────────────────────────────────────

export const ProjectKindSchema = z.enum(['opportunity', 'position']).describe('opportunity (a deal to win) or position (a job to fill)');
export const ProjectStatusSchema = z
  .enum(['open', 'on_hold', 'won', 'lost', 'filled', 'closed'])
  .describe('open or on_hold; an opportunity ends won or lost, a position filled or closed');

const ENDS: Record<z.infer<typeof ProjectKindSchema>, string[]> = { opportunity: ['won', 'lost'], position: ['filled', 'closed'] };

/** Whether a project of this kind can have this status. */
export function statusFitsKind(kind: z.infer<typeof ProjectKindSchema>, status: z.infer<typeof ProjectStatusSchema>): boolean {
  return status === 'open' || status === 'on_hold' || ENDS[kind].includes(status);
}

export function statusProblem(kind: z.infer<typeof ProjectKindSchema>, status: z.infer<typeof ProjectStatusSchema>): string | null {
  return statusFitsKind(kind, status) ? null : `an ${kind === 'opportunity' ? 'opportunity' : 'position'} is open, on_hold, ${ENDS[kind].join(' or ')}; not ${status}`;
}

const ValueSchema = MoneyAmountSchema.nullable().describe('What it is worth (a deal’s value, a placement’s fee); null for none');

export const CreateProjectSchema = z
  .object({
    name: NameSchema.describe('Its name, e.g. "Boiler replacement, 12 Harbour Road" or "Senior plumber"'),
    kind: ProjectKindSchema,
    status: ProjectStatusSchema.default('open'),
    companyId: IdSchema.optional().describe('The company it is for (cmp_…)'),
    value: ValueSchema.optional(),
    currency: CurrencySchema.optional().describe('ISO 4217 currency of value; needed with value'),
  })
  .strict()
  .superRefine((v, ctx) => {
    const problem = statusProblem(v.kind, v.status);
    if (problem) ctx.addIssue({ code: 'custom', path: ['status'], message: problem });
    if ((v.value !== undefined && v.value !== null) !== (v.currency !== undefined)) ctx.addIssue({ code: 'custom', path: ['currency'], message: 'give value and currency together' });
  })
  .describe('A new opportunity or position');
export type CreateProject = z.infer<typeof CreateProjectSchema>;

export const UpdateProjectSchema = z
  .object({
    name: NameSchema.optional().describe('Its name'),
    status: ProjectStatusSchema.optional(),
    companyId: IdSchema.nullable().optional().describe('The company it is for; null for none'),
    value: ValueSchema.optional(),
    currency: CurrencySchema.nullable().optional().describe('ISO 4217 currency of value; null with value null'),
  })
  .strict()
  .describe('Changes to a project (its kind stays)');
export type UpdateProject = z.infer<typeof UpdateProjectSchema>;

export const ListProjectsQuerySchema = z
  .object({
    q: SearchSchema.describe('Part of its name, any case'),
    kind: ProjectKindSchema.optional().describe('Only opportunities, or only positions'),
    status: ProjectStatusSchema.optional().describe('Only those with this status'),
    companyId: IdSchema.optional().describe('Only this company’s'),
    limit: LimitSchema,
    cursor: CursorSchema,
  })
  .strict();

export const ProjectViewSchema = z
  .object({
    id: z.string().describe('Project id (prj_…)'),
    name: z.string().describe('Its name'),
    kind: ProjectKindSchema,
    status: ProjectStatusSchema,
    company: z.object({ id: z.string().describe('Company id'), name: z.string().describe('Its name') }).nullable().describe('The company it is for'),
    value: z.string().nullable().describe('Its value, 2 decimals'),
    currency: z.string().nullable().describe('ISO 4217 currency of value'),
    createdAt: z.string().describe('When it was added'),
    updatedAt: z.string().describe('When it last changed'),
  })
  .describe('An opportunity or a position');
export type ProjectView = z.infer<typeof ProjectViewSchema>;

// ── Relationships ──────────────────────────────────────────────────────────────────────────────────────

export const RelationshipRoleSchema = z.enum(['client', 'candidate']).describe('client (buys or hires) or candidate (looking for a job)');
const RolesSchema = z
  .array(RelationshipRoleSchema)
  .min(1)
  .max(4)
  .transform((roles) => [...new Set(roles)].sort())
  .describe('client, candidate, or both (each once; a repeat counts once)');

export const CreateRelationshipSchema = z
  .object({
    contactId: IdSchema.describe('The contact (ctc_…)'),
    companyId: IdSchema.optional().describe('The company (cmp_…); give this or projectId'),
    projectId: IdSchema.optional().describe('The project (prj_…); give this or companyId'),
    roles: RolesSchema,
    title: z.string().trim().min(1).max(200).optional().describe('Their part there, e.g. Hiring manager'),
  })
  .strict()
  .refine((v) => (v.companyId === undefined) !== (v.projectId === undefined), { message: 'give companyId or projectId, one of them', path: ['companyId'] })
  .describe('A contact tied to a company or a project');
export type CreateRelationship = z.infer<typeof CreateRelationshipSchema>;

export const UpdateRelationshipSchema = z
  .object({ roles: RolesSchema.optional(), title: z.string().trim().min(1).max(200).nullable().optional().describe('Their part there; null clears it') })
  .strict()
  .describe('Changes to a relationship');
export type UpdateRelationship = z.infer<typeof UpdateRelationshipSchema>;

export const ListRelationshipsQuerySchema = z
  .object({
    contactId: IdSchema.optional().describe('A contact’s relationships'),
    companyId: IdSchema.optional().describe('A company’s people'),
    projectId: IdSchema.optional().describe('A project’s people'),
    role: RelationshipRoleSchema.optional().describe('Only those with this role'),
    limit: LimitSchema,
    cursor: CursorSchema,
  })
  .strict()
  .refine((v) => v.contactId !== undefined || v.companyId !== undefined || v.projectId !== undefined, { message: 'give contactId, companyId or projectId', path: ['contactId'] });

export const RelationshipViewSchema = z
  .object({
    id: z.string().describe('Relationship id (rel_…)'),
    contact: z.object({ id: z.string().describe('Contact id'), name: z.string().nullable().describe('Their name') }).describe('The contact'),
    company: z.object({ id: z.string().describe('Company id'), name: z.string().describe('Its name') }).nullable().describe('The company, for a relationship to one'),
    project: z
      .object({ id: z.string().describe('Project id'), name: z.string().describe('Its name'), kind: ProjectKindSchema })
      .nullable()
      .describe('The project, for a relationship to one'),
    roles: z.array(RelationshipRoleSchema).describe('client, candidate, or both'),
    title: z.string().nullable().describe('Their part there'),
    createdAt: z.string().describe('When it was made'),
    updatedAt: z.string().describe('When it last changed'),
  })
  .describe('A contact tied to a company or a project');
export type RelationshipView = z.infer<typeof RelationshipViewSchema>;
