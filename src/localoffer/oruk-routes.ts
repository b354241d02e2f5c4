// /openreferral: the public area's directory as an Open Referral UK API (HSDS 3.0 UK profile; docs/api.md).
// Anonymous and read-only, CORS open to every origin (ORUK compliance: `Access-Control-Allow-Origin: *`, with
// preflight), rate-limited per address. Only listed services (active, with a published version) appear.
// Handlers validate the query (oruk.ts, 400 with a message per parameter) → load (oruk-store.ts) → map (oruk.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import type { Services } from '../server.ts';
import { publicArea } from './area.ts';
import { NotFoundError, UserInputError } from '../platform/web/validation.ts';
import { compressOptions } from '../platform/web/plugin.ts';
import {
  orukOrganization,
  orukProfileUrl,
  orukService,
  orukServiceAtLocation,
  orukServiceMinimal,
  orukServiceSummary,
  orukTaxonomy,
  orukTerm,
  orukVersion,
  organizationItemParams,
  organizationParams,
  page,
  pagingParams,
  parseParams,
  serviceAtLocationParams,
  serviceFilter,
  serviceParams,
  allTerms,
  taxonomies,
  taxonomyById,
  termById,
} from './oruk.ts';
import { centroid, findOrganisations, findPlace, findPlaces, findServices, loadListing, loadListings, loadOrganisation } from './oruk-store.ts';
import { orukOpenApi } from './oruk-openapi.ts';

const paging = (q: { page: number; per_page: number }) => ({ limit: q.per_page, offset: (q.page - 1) * q.per_page });
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

export async function orukRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const { db, config } = services;
  const area = () => publicArea(db, config);

  // The public page that says the directory is open data, linked from every public page's footer.
  root.get('/local-offer/open-data', async (_req, reply) => reply.page('localoffer/views/oruk-open-data.njk', { pageTitle: 'Open data', area: await area() }));

  await root.register(
    async (app) => {
      await app.register(cors, { origin: '*', methods: ['GET', 'HEAD', 'OPTIONS'], maxAge: 86400, strictPreflight: false });
      // Helmet's same-origin resource policy would stop other sites' pages embedding the feed's responses.
      app.addHook('onSend', async (_req, reply: FastifyReply, payload) => {
        reply.header('cross-origin-resource-policy', 'cross-origin');
        if (reply.statusCode === 200) reply.header('cache-control', 'public, max-age=60');
        return payload;
      });
      app.setNotFoundHandler(async (_req, reply) => reply.code(404).send({ error: 'Not found: see /openreferral/ and docs/api.md for the endpoints' }));
      // Public open data with no secret in it: compressed for whoever accepts gzip (platform/web/plugin.ts).
      const opts = { compress: compressOptions, config: { rateLimit: { max: 1200, timeWindow: '1 minute' } }, schema: { hide: true } };

      app.get('/', opts, async () => ({
        version: orukVersion,
        profile: orukProfileUrl,
        openapi_url: `${config.publicUrl.replace(/\/$/, '')}/openreferral/openapi.json`,
      }));

      app.get('/openapi.json', opts, async () => orukOpenApi(config.publicUrl));

      app.get('/services', opts, async (req) => {
        const q = parseParams(serviceParams, req.query);
        const { laCode } = await area();
        const found = await findServices(db, laCode, serviceFilter(q), paging(q));
        const listings = await loadListings(db, laCode, found.ids);
        const form = q.full ? orukService : q.minimal ? orukServiceMinimal : orukServiceSummary;
        return page(listings.map(form), found.total, q.page, q.per_page);
      });

      app.get('/services/:id', opts, async (req) => orukService(await loadListing(db, (await area()).laCode, idOf(req))));

      app.get('/service_at_locations', opts, async (req) => {
        const q = parseParams(serviceAtLocationParams, req.query);
        const { laCode } = await area();
        let near = null;
        if (q.postcode) {
          const point = await centroid(db, q.postcode);
          if (!point) throw new UserInputError([{ field: 'postcode', message: `We do not know where the postcode ${q.postcode} is` }]);
          near = { ...point, proximity: q.proximity };
        }
        const found = await findPlaces(db, laCode, serviceFilter(q), near, paging(q));
        const listings = new Map((await loadListings(db, laCode, [...new Set(found.places.map((p) => p.serviceId))])).map((l) => [l.id, l]));
        const contents = found.places.flatMap((p) => {
          const l = listings.get(p.serviceId);
          return l ? [orukServiceAtLocation(l, p.position, q.full === true)] : [];
        });
        return page(contents, found.total, q.page, q.per_page);
      });

      app.get('/service_at_locations/:id', opts, async (req) => {
        const { laCode } = await area();
        const place = await findPlace(db, laCode, idOf(req));
        return orukServiceAtLocation(await loadListing(db, laCode, place.serviceId), place.position, true);
      });

      app.get('/organizations', opts, async (req) => {
        const q = parseParams(organizationParams, req.query);
        const { laCode } = await area();
        const found = await findOrganisations(db, laCode, q.search, paging(q));
        return page(found.rows.map(orukOrganization), found.total, q.page, q.per_page);
      });

      app.get('/organizations/:id', opts, async (req) => {
        const q = parseParams(organizationItemParams, req.query);
        const { laCode } = await area();
        const { organisation, serviceIds } = await loadOrganisation(db, laCode, idOf(req));
        const listings = await loadListings(db, laCode, serviceIds);
        return { ...orukOrganization(organisation), ...(listings.length ? { services: listings.map(q.full_service ? orukService : orukServiceSummary) } : {}) };
      });

      app.get('/taxonomies', opts, async (req) => {
        const q = parseParams(pagingParams, req.query);
        const { offset, limit } = paging(q);
        return page(taxonomies.slice(offset, offset + limit).map((t) => orukTaxonomy(t, false)), taxonomies.length, q.page, q.per_page);
      });

      app.get('/taxonomies/:id', opts, async (req) => {
        const t = taxonomyById(idOf(req).toLowerCase());
        if (!t) throw new NotFoundError('Taxonomy');
        return orukTaxonomy(t, true);
      });

      app.get('/taxonomy_terms', opts, async (req) => {
        const q = parseParams(pagingParams.extend({ taxonomy_id: serviceParams.shape.taxonomy_id }), req.query);
        const { offset, limit } = paging(q);
        const terms = q.taxonomy_id ? allTerms.filter((t) => t.taxonomyId === q.taxonomy_id) : allTerms;
        return page(terms.slice(offset, offset + limit).map(orukTerm), terms.length, q.page, q.per_page);
      });

      app.get('/taxonomy_terms/:id', opts, async (req) => {
        const t = termById(idOf(req).toLowerCase());
        if (!t) throw new NotFoundError('Taxonomy term');
        return orukTerm(t);
      });
    },
    { prefix: '/openreferral' },
  );
}
