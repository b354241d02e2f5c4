// Pages for the child's record. (Being written.)
import type { FastifyInstance } from 'fastify';
import type { Services } from '../server.ts';

export async function childrenRoutes(_app: FastifyInstance, _services: Services): Promise<void> {}
