// The council's page to import an Open Referral UK feed (/local-offer/manage/import): a URL or a file, from
// another directory it is moving from or from a neighbour; then the run's report, each service with what happened
// and why. The council's local offer officers and SEND managers (manage-store.ts managedArea); anyone else: 404. The import itself is oruk-import.ts.
import type { FastifyInstance, FastifyReply } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { Services } from '../server.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { londonToday } from '../platform/web/dates.ts';
import { NotFoundError, parseWith, toPageErrors, type FieldError } from '../platform/web/validation.ts';
import { managedArea } from './manage-store.ts';
import { FeedError, importFeed, listFeeds, loadRun, type FeedInput, type Outcome } from './oruk-import.ts';

const maxFile = 25 * 1024 * 1024;

const formSchema = z
  .object({
    url: z.string().trim().max(2000).default(''),
    label: z.string().trim().max(120, 'The name must be 120 characters or fewer').default(''),
    neighbour: z.enum(['yes', 'no'], { message: 'Select whether these are a neighbour’s services' }),
  })
  .superRefine((v, ctx) => {
    if (v.url && !/^https?:\/\/\S+$/i.test(v.url)) ctx.addIssue({ code: 'custom', path: ['url'], message: 'Enter a web address starting https://, like https://example.gov.uk/openreferral' });
    if (v.neighbour === 'yes' && !v.label) ctx.addIssue({ code: 'custom', path: ['label'], message: 'Enter the name shown as the source of a neighbour’s services, like Nextshire County Council' });
  });

interface Upload {
  filename: string;
  content: Buffer;
  truncated: boolean;
}
const isUpload = (v: unknown): v is Upload => typeof v === 'object' && v !== null && Buffer.isBuffer((v as Upload).content);

const outcomeText: Record<Outcome, string> = {
  published: 'Published',
  updated: 'Updated',
  unchanged: 'Unchanged',
  'needs-review': 'Waiting for review',
  withdrawn: 'Made inactive',
  failed: 'Not imported',
};
const outcomeTag: Record<Outcome, string> = {
  published: 'govuk-tag--green',
  updated: 'govuk-tag--blue',
  unchanged: 'govuk-tag--grey',
  'needs-review': 'govuk-tag--yellow',
  withdrawn: 'govuk-tag--grey',
  failed: 'govuk-tag--red',
};

export async function orukImportRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const today = () => (services.today ?? (() => londonToday()))();

  await app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: maxFile, files: 1, fields: 10, parts: 12, fieldSize: 10_000 },
      async onFile(part) {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        part.value = { filename: part.filename, content: Buffer.concat(chunks), truncated: part.file.truncated } satisfies Upload;
      },
    });

    async function form(reply: FastifyReply, laCode: string, values: Record<string, string>, errors?: FieldError[]) {
      const feeds = await listFeeds(db, laCode);
      return reply.page(
        'localoffer/views/oruk-import.njk',
        { pageTitle: 'Import services from an Open Referral UK feed', values, feeds, errors: errors?.length ? toPageErrors(errors) : undefined },
        errors?.length ? 400 : 200,
      );
    }

    scope.get('/local-offer/manage/import', async (req, reply) => form(reply, managedArea(requireActor(req)), { url: '', label: '', neighbour: '' }));

    scope.post('/local-offer/manage/import', async (req, reply) => {
      const actor = requireActor(req);
      const laCode = managedArea(actor);
      const b = (req.body ?? {}) as Record<string, unknown>;
      const values = { url: typeof b.url === 'string' ? b.url : '', label: typeof b.label === 'string' ? b.label : '', neighbour: typeof b.neighbour === 'string' ? b.neighbour : '' };
      const r = parseWith(formSchema, values);
      const upload = isUpload(b.file) && (b.file.filename || b.file.content.length > 0) ? b.file : undefined;
      const errors: FieldError[] = r.ok ? [] : [...r.errors];
      if (r.ok && !r.value.url && !upload) errors.push({ field: 'url', message: 'Enter the feed’s web address, or select a file' });
      if (r.ok && r.value.url && upload) errors.push({ field: 'url', message: 'Give a web address or a file, not both' });
      if (upload?.truncated) errors.push({ field: 'file', message: `The file must be smaller than ${maxFile / 1024 / 1024}MB` });
      if (!r.ok || errors.length > 0) return form(reply, laCode, values, errors);
      const input: FeedInput = upload ? { file: upload.filename || 'upload.json', content: upload.content.toString('utf8') } : { url: r.value.url };
      try {
        const report = await importFeed(db, input, { laCode, actor, today: today(), neighbour: r.value.neighbour === 'yes', label: r.value.label || undefined, publicOnly: true });
        return reply.redirect(`/local-offer/manage/import/runs/${report.runId}`, 303);
      } catch (e) {
        if (e instanceof FeedError) return form(reply, laCode, values, [{ field: upload ? 'file' : 'url', message: e.message }]);
        throw e;
      }
    });

    scope.get<{ Params: { id: string } }>('/local-offer/manage/import/runs/:id', async (req, reply) => {
      const laCode = managedArea(requireActor(req));
      const run = await loadRun(db, laCode, req.params.id);
      if (!run) throw new NotFoundError('Import');
      const order: Outcome[] = ['failed', 'needs-review', 'published', 'updated', 'withdrawn', 'unchanged'];
      const items = [...run.items].sort((a, b) => order.indexOf(a.outcome) - order.indexOf(b.outcome) || a.name.localeCompare(b.name));
      return reply.page('localoffer/views/oruk-import-run.njk', {
        pageTitle: `Import from ${run.label}`,
        backLink: { href: '/local-offer/manage/import', text: 'Import services' },
        run,
        counts: order.map((o) => ({ text: outcomeText[o], n: run.counts[o] })),
        items: items.map((i) => ({ ...i, outcomeText: outcomeText[i.outcome], tag: outcomeTag[i.outcome] })),
      });
    });
  });
}
