import { BulkEnrollSchema } from '../domain/schemas/sequence';
import type { AppPrisma } from '../prisma/client';
import { findContactsForBulkEnrollment } from '../prisma/queries/contacts/find-contacts-for-bulk-enrollment';
import { getVersionWithSteps } from '../prisma/queries/sequences/get-version-with-steps';
import { contactsEverEnrolled, getBulkEnrollmentOrThrow, recordBulkEnrollmentProgress } from '../prisma/queries/enrollments/enrollments';
import { forTenant } from '../prisma/tenant-scope';

export interface BulkBatch {
  /** Contacts to start enrollments for, in id order. */
  contactIds: string[];
  /** Contacts passed over by the sequence's re-enrollment rule. */
  ineligible: number;
  /** For the enrollments' summaries in Temporal Web. */
  sequence?: { name: string; version: number; stepCount: number };
  /** The last contact id looked at, or null when the criteria are exhausted. */
  lastContactId: string | null;
}

export function createBulkEnrollmentActivities({ prisma }: { prisma: AppPrisma }) {
  return {
    /** The next page of matching contacts, read from Postgres (never held in workflow history as a whole). */
    async nextBulkEnrollmentBatch(input: {
      tenantId: string;
      bulkEnrollmentId: string;
      sequenceId: string;
      versionId: string;
      afterContactId: string | null;
      limit: number;
    }): Promise<BulkBatch> {
      const db = forTenant(prisma, input.tenantId);
      const job = await getBulkEnrollmentOrThrow(db, input.bulkEnrollmentId);
      const criteria = BulkEnrollSchema.parse(job.criteria);
      const ids = await findContactsForBulkEnrollment(db, criteria, { afterContactId: input.afterContactId, limit: input.limit });
      if (ids.length === 0) return { contactIds: [], ineligible: 0, lastContactId: null };
      const version = await getVersionWithSteps(db, input.versionId);
      let eligible = ids;
      if (version.settings.reenroll === 'never') {
        const seen = await contactsEverEnrolled(db, input.sequenceId, ids);
        eligible = ids.filter((id) => !seen.has(id));
      }
      return {
        contactIds: eligible,
        ineligible: ids.length - eligible.length,
        lastContactId: ids[ids.length - 1] ?? null,
        sequence: { name: version.sequenceName, version: version.version, stepCount: version.steps.length },
      };
    },

    async recordBulkEnrollmentProgress(input: {
      tenantId: string;
      bulkEnrollmentId: string;
      enrolled: number;
      skipped: number;
      done: boolean;
    }): Promise<void> {
      await recordBulkEnrollmentProgress(forTenant(prisma, input.tenantId), input.bulkEnrollmentId, input);
    },
  };
}
