import type { SequenceStepInput } from './schemas/sequence';
import { templateProblemsAt, type PlacedProblem } from './templates';

/** Every problem in the steps' inline texts (unknown variables, broken braces), for one 422 that lists them all. */
export function sequenceStepProblems(steps: SequenceStepInput[]): PlacedProblem[] {
  return steps.flatMap((step, i) => templateProblemsAt({ [`steps.${i}.subject`]: step.subject, [`steps.${i}.body`]: step.body }, 'contact'));
}
