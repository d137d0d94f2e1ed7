import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { presentSetting } from './calendar.presenter.ts';
import * as S from './calendar.schemas.ts';
import { listSettings, putSetting } from './settings.repository.ts';

const tags = ['settings'];

/** Configurable settings (working hours, due-soon threshold, escalation ladder): read by all staff, changed by administrators. */
export async function settingsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/settings', {
    schema: { tags, summary: 'Every setting with its current value', response: { 200: S.Type.Array(S.Setting) } },
  }, async () => (await listSettings(deps.db)).map(presentSetting));

  r.get('/api/settings/:key', {
    schema: { tags, summary: 'One setting', params: S.SettingKeyParams, response: { 200: S.Setting } },
  }, async (request) => presentSetting((await listSettings(deps.db)).find((s) => s.key === request.params.key)!));

  r.put('/api/settings/:key', {
    config: { permission: 'config.write' },
    schema: {
      tags, summary: 'Change a setting; the value is checked against the key\'s schema (see docs/time-limits.md)',
      params: S.SettingKeyParams, body: S.SettingBody, response: { 200: S.Setting },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const saved = await deps.db.transaction().execute((trx) => putSetting(trx, request.params.key, request.body.value, actor.userId));
    return presentSetting(saved);
  });
}
