// Documents on the child's record: the upload form, the upload itself (page and API), and the download.
// Multipart is registered in its own encapsulated scope, so only these routes accept multipart/form-data.
// The whole file is read into memory (it is stored in the database), never more than uploadMaxBytes of it.
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { Services } from '../server.ts';
import type { Actor } from '../platform/access/actor.ts';
import { mayDo } from '../platform/access/policy.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { londonToday } from '../platform/web/dates.ts';
import { ForbiddenError, parseWith, toPageErrors, type FieldError } from '../platform/web/validation.ts';
import { acceptedDocumentTypes, documentProblem, documentTypes } from './domain.ts';
import { readChildOnly } from './store.ts';
import { addDocument, downloadDocument } from './record-store.ts';

/** One uploaded file, as our onFile handler leaves it in the body. */
interface Upload {
  filename: string;
  mimetype: string;
  content: Buffer;
  /** The file was bigger than the limit, so only its start was kept. */
  truncated: boolean;
}

const isUpload = (v: unknown): v is Upload => typeof v === 'object' && v !== null && Buffer.isBuffer((v as Upload).content);

type DocType = (typeof documentTypes)[number][0];
const documentFormSchema = z.object({
  title: z.string().trim().min(1, 'Enter a title for the document').max(200, 'Title must be 200 characters or fewer'),
  docType: z.enum(documentTypes.map(([k]) => k) as [DocType, ...DocType[]], { message: 'Select the type of document' }),
});

/** The type a file's name says it is; the content is then checked against it (documentProblem). */
const typesByExtension: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.txt': 'text/plain',
};
const acceptAttribute = Object.keys(typesByExtension).join(',');

/** The file's name without any folder a browser may send, without control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()?.replace(/[\u0000-\u001f\u007f]/g, '').trim() ?? '';
  if (base.length <= 200) return base || 'document';
  const ext = path.extname(base).slice(0, 10);
  return base.slice(0, 200 - ext.length) + ext;
}

/** Content-Disposition for a download: a plain ASCII name for old clients and the exact name (RFC 6266/5987). */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** "12 KB", "1.4 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

const maxSizeText = (max: number): string => (max >= 1024 * 1024 ? `${Math.round(max / 1024 / 1024)}MB` : `${Math.round(max / 1024)}KB`);

/** Why the uploaded file cannot be kept, in words the user can act on, or null. */
function fileProblem(upload: Upload | undefined, max: number): string | null {
  if (!upload || (!upload.filename && upload.content.length === 0)) return 'Select a file';
  if (upload.truncated) return `The selected file must be smaller than ${maxSizeText(max)}`;
  const mimetype = typesByExtension[path.extname(upload.filename).toLowerCase()] ?? upload.mimetype;
  const problem = documentProblem({ filename: upload.filename, mimetype, size: upload.content.length, head: upload.content.subarray(0, 4096) }, max);
  return problem;
}

const typeOf = (upload: Upload): string => typesByExtension[path.extname(upload.filename).toLowerCase()] ?? upload.mimetype;

/** Reads the title, type and file of an upload: the value to store, or the errors for each field. */
function readUpload(body: unknown, max: number): { ok: true; value: { title: string; docType: string; filename: string; contentType: string; content: Buffer } } | { ok: false; errors: FieldError[] } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const fields = parseWith(documentFormSchema, { title: b.title, docType: b.docType ?? b.type });
  const upload = isUpload(b.file) ? b.file : undefined;
  const problem = fileProblem(upload, max);
  const errors = [...(fields.ok ? [] : fields.errors), ...(problem ? [{ field: 'file', message: problem }] : [])];
  if (!fields.ok || problem || !upload) return { ok: false, errors };
  return { ok: true, value: { ...fields.value, filename: cleanFilename(upload.filename), contentType: typeOf(upload), content: upload.content } };
}

type IdParams = { Params: { id: string } };

export async function documentRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, config } = services;
  const today = () => (services.today ?? (() => londonToday()))();
  const max = config.uploadMaxBytes;
  const kinds = Object.values(acceptedDocumentTypes).map((k) => k.label);
  const acceptedText = `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1) ?? ''}`;

  await app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      // Too big is the user's to fix: keep the start, mark it truncated, and say so on the form (never a 500).
      throwFileSizeLimit: false,
      limits: { fileSize: max, files: 1, fields: 10, parts: 12, fieldSize: 10_000 },
      async onFile(part) {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        const upload: Upload = { filename: part.filename, mimetype: part.mimetype, content: Buffer.concat(chunks), truncated: part.file.truncated };
        part.value = upload;
      },
    });

    async function renderForm(reply: FastifyReply, actor: Actor, id: string, values: { title: string; docType: string }, errors?: FieldError[]) {
      const child = await readChildOnly(db, actor, today(), id, 'documents');
      if (!mayDo(child.route, 'upload-document')) throw new ForbiddenError('Your role cannot add documents to this record.');
      const name = `${child.given_name} ${child.family_name}`;
      return reply.page('children/views/document-form.njk', {
        pageTitle: `Add a document – ${name}`,
        backLink: { href: `/children/${child.id}/documents` },
        child: { id: child.id, name },
        values,
        typeItems: [{ value: '', text: 'Select a type' }, ...documentTypes.map(([value, text]) => ({ value, text }))],
        acceptedText,
        maxText: maxSizeText(max),
        accept: acceptAttribute,
        errors: errors?.length ? toPageErrors(errors) : undefined,
      }, errors?.length ? 400 : 200);
    }

    scope.get<IdParams>('/children/:id/documents/new', async (req, reply) => renderForm(reply, requireActor(req), req.params.id, { title: '', docType: '' }));

    scope.post<IdParams>('/children/:id/documents', async (req, reply) => {
      const actor = requireActor(req);
      const b = (req.body ?? {}) as Record<string, unknown>;
      const r = readUpload(b, max);
      const values = { title: typeof b.title === 'string' ? b.title : '', docType: typeof b.docType === 'string' ? b.docType : '' };
      if (!r.ok) return renderForm(reply, actor, req.params.id, values, r.errors);
      await addDocument(db, actor, today(), req.params.id, r.value);
      req.session.set('flash', `${r.value.title} has been added`);
      return reply.redirect(`/children/${req.params.id}/documents`, 303);
    });

    scope.get<{ Params: { id: string; docId: string } }>('/children/:id/documents/:docId', async (req, reply) => {
      const doc = await downloadDocument(db, requireActor(req), today(), req.params.id, req.params.docId);
      return reply
        .header('content-type', doc.content_type)
        .header('content-disposition', attachmentHeader(doc.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(doc.content);
    });

    scope.post<IdParams>(
      '/api/v1/children/:id/documents',
      {
        schema: {
          tags: ['children'],
          summary: `Add a document (multipart/form-data: title, type, file; ${acceptedText}; at most ${maxSizeText(max)})`,
          params: z.object({ id: z.string() }),
          consumes: ['multipart/form-data'],
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const r = readUpload(req.body, max);
        if (!r.ok) {
          const fileError = r.errors.find((e) => e.field === 'file');
          return reply.code(400).send({ error: fileError?.message ?? 'Invalid input', errors: r.errors });
        }
        const id = await addDocument(db, actor, today(), req.params.id, r.value);
        return reply.code(201).header('location', `/children/${req.params.id}/documents/${id}`).send({ id });
      },
    );
  });
}
