// Pages for managing users (admin). (Being written.)
import type { FastifyInstance } from 'fastify';
import type { Services } from '../server.ts';

export async function peopleRoutes(_app: FastifyInstance, _services: Services): Promise<void> {}
