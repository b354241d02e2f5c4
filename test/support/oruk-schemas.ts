// The Open Referral UK profile's JSON schemas, read from ../shared/oruk-uk-profile (never copied into the
// repository), compiled with ajv in the 2020-12 dialect that the profile's OpenAPI documents declare.
//
// The schemas carry Frictionless Data keywords (name, path, constraints, core, example, datapackage_*,
// tabular_required). They are registered as annotations, so ajv stays strict about everything else.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under Node's ESM loader its default export is the module object.
type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats;

/** The profile's folder: ../shared/oruk-uk-profile from the repository root (worktrees sit beside shared/ too). */
export const profileDir = fileURLToPath(new URL('../../../shared/oruk-uk-profile/', import.meta.url));

const raw = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/';

function read(rel: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(profileDir, rel), 'utf8')) as Record<string, unknown>;
}

export type SchemaName =
  | 'compiled/service.json'
  | 'compiled/service_list.json'
  | 'compiled/service_at_location.json'
  | 'compiled/service_at_location_list.json'
  | 'compiled/organization.json'
  | 'compiled/organization_list.json'
  | 'taxonomy.json'
  | 'taxonomy_term.json';

export interface OrukValidator {
  /** Validates one document against a profile schema; the errors as readable lines, [] when valid. */
  check(schema: SchemaName, doc: unknown): string[];
  /** Validates a paging envelope (schema/openapi.json Page, every field required) whose contents are `schema`. */
  checkPage(schema: SchemaName, doc: unknown): string[];
  /** The API's own description (schema/openapi.json, path "/"). */
  checkRoot(doc: unknown): string[];
}

export function orukValidator(): OrukValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: true, strictRequired: false, strictTypes: false });
  addFormats(ajv);
  ajv.addVocabulary(['name', 'path', 'constraints', 'core', 'example', 'datapackage_metadata', 'datapackage_type', 'tabular_required']);
  const openapi = read('schema/openapi.json') as { paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }>; components: { schemas: { Page: Record<string, unknown> } } };
  // The non-compiled schemas refer to each other by file name ("taxonomy_term.json"): give each its address.
  for (const f of fs.readdirSync(path.join(profileDir, 'schema'))) {
    if (!f.endsWith('.json') || f === 'openapi.json') continue;
    ajv.addSchema({ ...read(`schema/${f}`), $id: `${raw}${f}` });
  }
  for (const f of fs.readdirSync(path.join(profileDir, 'schema/compiled'))) {
    if (!f.endsWith('.json') || f === 'service_with_definitions.json') continue; // that one uses draft-07 `definitions`
    ajv.addSchema({ ...read(`schema/compiled/${f}`), $id: `${raw}compiled/${f}` });
  }
  const page = openapi.components.schemas.Page;
  const pageFields = Object.keys(page.properties as object);
  const compiled = new Map<string, ValidateFunction>();
  const get = (key: string, build: () => object): ValidateFunction => {
    let v = compiled.get(key);
    if (!v) {
      v = ajv.compile(build());
      compiled.set(key, v);
    }
    return v;
  };
  const run = (v: ValidateFunction, doc: unknown): string[] => (v(doc) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
  const rootSchema = openapi.paths['/']?.get.responses['200']?.content['application/json']?.schema;
  return {
    check: (schema, doc) => run(get(schema, () => ({ $ref: `${raw}${schema}` })), doc),
    checkPage: (schema, doc) =>
      run(
        get(`page:${schema}`, () => ({
          allOf: [page],
          required: [...pageFields, 'contents'],
          properties: { contents: { type: 'array', items: { $ref: `${raw}${schema}` } } },
        })),
        doc,
      ),
    checkRoot: (doc) => run(get('root', () => ({ ...(rootSchema as object), required: ['version', 'profile', 'openapi_url'] })), doc),
  };
}
