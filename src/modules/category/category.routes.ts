import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/context.ts';
import { actionLabels, caseStates, stateLabels } from '../../domain/lifecycle.ts';
import { roleLabels } from '../../domain/roles.ts';
import { caseTypeLabels, channelLabels, urgencyLabels } from '../case/case.vocabulary.ts';

/** The configurable lists and fixed vocabularies a client needs to build its forms. */
export async function referenceRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get('/api/categories', { schema: { tags: ['reference'], summary: 'The three-level category tree (flat, with parentId)' } }, async () =>
    deps.db.selectFrom('categories').select(['id', 'parentId', 'name', 'level', 'fullName']).where('active', '=', true).orderBy('sort').execute(),
  );
  app.get('/api/reject-reasons', { schema: { tags: ['reference'], summary: 'Reasons for not accepting an appeal (不予受理)' } }, async () =>
    deps.db.selectFrom('rejectReasons').select(['code', 'labelZh', 'labelEn']).where('active', '=', true).orderBy('code').execute(),
  );
  app.get('/api/vocabulary', { schema: { tags: ['reference'], summary: 'States, actions, channels, types, urgencies, roles with labels' } }, async () => ({
    states: caseStates.map((s) => ({ code: s, ...stateLabels[s] })),
    actions: Object.entries(actionLabels).map(([code, l]) => ({ code, ...l })),
    channels: Object.entries(channelLabels).map(([code, l]) => ({ code, ...l })),
    types: Object.entries(caseTypeLabels).map(([code, l]) => ({ code, ...l })),
    urgencies: Object.entries(urgencyLabels).map(([code, l]) => ({ code, ...l })),
    roles: Object.entries(roleLabels).map(([code, l]) => ({ code, ...l })),
  }));
}
