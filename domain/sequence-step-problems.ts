import type { SequenceStepInput } from './schemas/sequence';
import { validateTemplate } from './templates';

export interface StepProblem {
  /** Where, e.g. "steps.1.body". */
  path: string;
  token?: string;
  message: string;
}

/** Every problem in the steps' inline texts (unknown variables, broken braces), for one 422 that lists them all. */
export function sequenceStepProblems(steps: SequenceStepInput[]): StepProblem[] {
  const problems: StepProblem[] = [];
  steps.forEach((step, i) => {
    for (const field of ['subject', 'body'] as const) {
      const text = step[field];
      if (!text) continue;
      for (const p of validateTemplate(text, 'contact')) problems.push({ path: `steps.${i}.${field}`, token: p.token, message: p.message });
    }
  });
  return problems;
}
