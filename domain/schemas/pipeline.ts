import { z } from 'zod';
import { IdSchema } from './common';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export const StageKindSchema = z.enum(STAGE_KINDS).describe('open (still in play), won or lost');

const StageNameSchema = z.string().trim().min(1).max(100).describe('Its name, unique in the tenant, e.g. Qualified');

export const CreateStageSchema = z
  .object({ name: StageNameSchema, kind: StageKindSchema.default('open') })
  .strict()
  .describe('A new pipeline stage, placed after the others');
export type CreateStage = z.infer<typeof CreateStageSchema>;

export const UpdateStageSchema = z
  .object({ name: StageNameSchema.optional(), kind: StageKindSchema.optional() })
  .strict()
  .describe('Changes to a stage');
export type UpdateStage = z.infer<typeof UpdateStageSchema>;

export const DeleteStageQuerySchema = z
  .object({ moveTo: IdSchema.optional().describe('Another stage to move the stage’s contacts to first; needed when it has contacts') })
  .strict();

export const MoveContactStageSchema = z
  .object({ stageId: IdSchema.nullable().describe('The stage to move the contact to (stg_…); null takes it out of the pipeline') })
  .strict()
  .describe('Where the contact stands in the pipeline');

export const StageViewSchema = z
  .object({
    id: z.string().describe('Stage id (stg_…)'),
    name: z.string().describe('Its name'),
    kind: StageKindSchema,
    position: z.number().int().describe('Its place on the board, 0 first'),
    createdAt: z.string().describe('When it was made'),
    updatedAt: z.string().describe('When it last changed'),
  })
  .describe('A pipeline stage');
export type StageView = z.infer<typeof StageViewSchema>;

export const StageListSchema = z.object({ stages: z.array(StageViewSchema).describe('In board order') }).describe('The tenant’s pipeline');
