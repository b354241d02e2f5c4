// The OpenAPI document of /openreferral (served at /openreferral/openapi.json, named by `/` as openapi_url): the
// endpoints and parameters we answer, with responses given by the ORUK profile's own schemas. Pure data.
import { defaultPerPage, maxPerPage } from './oruk.ts';

const profile = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/';

type Param = [name: string, schema: Record<string, unknown>, description: string];

const pagingParams: Param[] = [
  ['page', { type: 'integer', minimum: 1, default: 1 }, 'Page number of paginated result.'],
  ['per_page', { type: 'integer', minimum: 1, maximum: maxPerPage, default: defaultPerPage }, 'Number of results requested in a single page.'],
];

const serviceParams: Param[] = [
  ['search', { type: 'string', maxLength: 200 }, 'Full text search of the name, keywords, categories, needs, summary and description (words may be joined with OR, quoted, or excluded with -).'],
  ...pagingParams,
  ['taxonomy_term_id', { type: 'string', format: 'uuid' }, 'Services with this taxonomy term (see /taxonomy_terms).'],
  ['taxonomy_id', { type: 'string', format: 'uuid' }, 'Services with any term of this taxonomy (see /taxonomies).'],
  ['organization_id', { type: 'string', format: 'uuid' }, 'Services of this organization.'],
  ['minimum_age', { type: 'number', minimum: 0 }, 'Services whose minimum age is at least this.'],
  ['maximum_age', { type: 'number', minimum: 0 }, 'Services whose maximum age is at most this.'],
  ['day', { type: 'string', enum: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] }, 'Services open on this day (RFC 5545 code, or the day’s English name).'],
  ['start_time', { type: 'string', pattern: '^\\d{2}:\\d{2}(:\\d{2})?$' }, 'Services with a weekly time opening at or after this (with `day`: on that day).'],
  ['end_time', { type: 'string', pattern: '^\\d{2}:\\d{2}(:\\d{2})?$' }, 'Services with a weekly time closing at or before this.'],
  ['modified_after', { type: 'string', format: 'date-time' }, 'Services changed on or after this date or date-time.'],
  ['full', { type: 'boolean' }, 'Fully nested items, as /services/{id} gives them.'],
  ['minimal', { type: 'boolean' }, 'Just each service’s id, name, status and last_modified.'],
];

const salParams: Param[] = [
  ...serviceParams,
  ['postcode', { type: 'string' }, 'Nearest first from this UK postcode’s centroid.'],
  ['proximity', { type: 'number', exclusiveMinimum: 0, maximum: 500000 }, 'Only places within this many metres of the postcode (needs `postcode`).'],
];

const params = (list: Param[]) => list.map(([name, schema, description]) => ({ name, in: 'query', required: false, description, schema }));
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const errors = {
  '400': { description: 'A parameter is not valid: `{ "error": "Invalid input", "errors": [{ "field", "message" }] }`.' },
  '404': { description: 'No such item in this directory.' },
  '429': { description: 'Too many requests from one address (1,200 a minute).' },
};
const one = (summary: string, schema: string, extra: Param[] = []) => ({
  get: {
    summary,
    parameters: [idParam, ...params(extra)],
    responses: { '200': { description: summary, content: { 'application/json': { schema: { $ref: `${profile}${schema}` } } } }, ...errors },
  },
});
const many = (summary: string, schema: string, list: Param[]) => ({
  get: {
    summary,
    parameters: params(list),
    responses: {
      '200': {
        description: summary,
        content: { 'application/json': { schema: { allOf: [{ $ref: '#/components/schemas/Page' }], properties: { contents: { type: 'array', items: { $ref: `${profile}${schema}` } } } } } },
      },
      ...errors,
    },
  },
});

export function orukOpenApi(publicUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Local offer directory: Open Referral UK API',
      version: '3.0',
      description:
        'The SEND local offer’s directory as Open Referral UK (the UK profile of HSDS 3.0). Anonymous, read-only, CORS open to every origin. ' +
        'Only services that are active and published appear. See docs/api.md in the joinedup repository for the mapping and the choices made where the profile is silent.',
    },
    servers: [{ url: `${publicUrl.replace(/\/$/, '')}/openreferral` }],
    paths: {
      '/': { get: { summary: 'This API: its HSDS profile and this document', responses: { '200': { description: '`version` (HSDS-UK-3.0), `profile`, `openapi_url`' } } } },
      '/services': many('Services, one-to-one fields and the organization', 'compiled/service_list.json', serviceParams),
      '/services/{id}': one('A service with all related data', 'compiled/service.json'),
      '/service_at_locations': many('Each place of each service, with the service', 'compiled/service_at_location_list.json', salParams),
      '/service_at_locations/{id}': one('A place of a service, with the service and all related data', 'compiled/service_at_location.json'),
      '/organizations': many('Organizations with at least one listed service', 'compiled/organization_list.json', [['search', { type: 'string' }, 'Part of the name.'], ...pagingParams]),
      '/organizations/{id}': one('An organization with its services', 'compiled/organization.json', [['full_service', { type: 'boolean' }, 'Its services fully nested.']]),
      '/taxonomies': many('Our taxonomies: categories, SEN2 need types, delivery, accessibility', 'taxonomy.json', pagingParams),
      '/taxonomies/{id}': one('A taxonomy with its terms', 'taxonomy.json'),
      '/taxonomy_terms': many('Every term of our taxonomies', 'taxonomy_term.json', [...pagingParams, ['taxonomy_id', { type: 'string', format: 'uuid' }, 'Only this taxonomy’s terms.']]),
      '/taxonomy_terms/{id}': one('A taxonomy term', 'taxonomy_term.json'),
    },
    components: {
      schemas: {
        Page: {
          type: 'object',
          required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
          properties: {
            total_items: { type: 'integer' },
            total_pages: { type: 'integer' },
            page_number: { type: 'integer' },
            size: { type: 'integer', description: 'The number of items on this page.' },
            first_page: { type: 'boolean' },
            last_page: { type: 'boolean' },
            empty: { type: 'boolean' },
            contents: { type: 'array' },
          },
        },
      },
    },
  };
}
