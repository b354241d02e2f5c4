// A plan that moves with the family (issue 4 §8): the export document and its schema. The schema is published as
// docs/plan-export.schema.json (generated from this zod schema; a test keeps the two equal), so the next area's
// system can read a plan without joinedup. Export then import loses nothing: the versions' content, kinds, states
// and dates, and the child's identity, come back equal.
import { z } from 'zod';
import { planContentSchema } from './model.ts';

export const exportFormat = 'joinedup-ehc-plan';
export const exportFormatVersion = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-09-01');

export const planExportSchema = z.object({
  format: z.literal(exportFormat),
  formatVersion: z.literal(exportFormatVersion),
  exportedAt: z.string().describe('When the document was made (ISO 8601 timestamp)'),
  exportedBy: z.string().describe('The local area that exported it, by DfE LA code'),
  child: z.object({
    givenName: z.string().min(1),
    familyName: z.string().min(1),
    preferredName: z.string().nullable(),
    dateOfBirth: isoDate,
    nhsNumber: z.string().regex(/^\d{10}$/).nullable(),
    upn: z.string().regex(/^[A-Z]\d{11}[0-9A-Z]$/).nullable(),
    sex: z.enum(['M', 'F', 'U']),
  }),
  plan: z.object({
    reference: z.string().min(1).max(60),
    status: z.enum(['active', 'ceased']),
    versions: z
      .array(
        z.object({
          number: z.number().int().min(1),
          kind: z.enum(['draft', 'final', 'amendment']),
          state: z.enum(['editing', 'issued']),
          issuedOn: isoDate.nullable(),
          content: planContentSchema,
        }),
      )
      .min(1)
      .max(100)
      .refine((vs) => new Set(vs.map((v) => v.number)).size === vs.length, 'Each version needs its own number')
      .refine((vs) => vs.filter((v) => v.state === 'editing').length <= 1, 'At most one version can be in progress')
      .refine((vs) => vs.every((v) => (v.state === 'issued') === (v.issuedOn !== null)), 'An issued version has an issue date, and only an issued one'),
  }),
});
export type PlanExport = z.infer<typeof planExportSchema>;

/** The JSON Schema published in docs/ for other systems. */
export function planExportJsonSchema(): unknown {
  return { $id: 'https://joinedup.example/schemas/plan-export-v1.json', title: 'An EHC plan exported from joinedup', ...z.toJSONSchema(planExportSchema, { io: 'input', unrepresentable: 'any' }) };
}
