// The API's contract: zod schemas on each /api/v1 route validate input and generate the OpenAPI 3.1
// document served at /api/openapi.json (docs/decisions/0003-validation-and-openapi.md).
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

export async function apiDocs(app: FastifyInstance): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'joinedup API',
        version: '1',
        description:
          'The same operations as the pages, for service accounts and integrations. Authenticate with `Authorization: Bearer <token>`. ' +
          'Invalid input answers 400 with a message per field; an unknown id, or a child the caller may not see, answers 404; no credentials answer 401.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
