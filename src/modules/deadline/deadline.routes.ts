import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalidInput } from '../../domain/errors.ts';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { requireUnit } from '../org/org.repository.ts';
import { deadlineCounts } from './deadline.counts.ts';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Counts = Type.Object({
  unitId: Type.Integer(), unitName: Type.String(), overdue: Type.Integer(), urged: Type.Integer(),
  supervised: Type.Integer(), extended: Type.Integer(), suspended: Type.Integer(), returned: Type.Integer(),
});

export async function deadlineRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/deadline-counts', {
    schema: {
      tags: ['time limits'],
      summary: 'Per unit and period: cases overdue, urged, supervised, extended, suspended, returned (for bulletins)',
      querystring: Type.Object({ from: IsoDate, to: IsoDate, unitId: Type.Optional(Type.Integer({ minimum: 1 })) }),
      response: { 200: Type.Object({ from: Type.String(), to: Type.String(), units: Type.Array(Counts) }) },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const { from, to, unitId } = request.query;
    if (from > to) throw invalidInput('开始日期不能晚于结束日期', 'from must not be after to');
    // Units see their own subtree; citywide staff any subtree they ask for.
    let unitPath = actor.citywide ? '/' : actor.unitPath;
    if (unitId) {
      const unit = await requireUnit(deps.db, unitId);
      if (!unit.path.startsWith(unitPath)) throw invalidInput('只能查询本单位及下级单位', 'only your unit and the units below it');
      unitPath = unit.path;
    }
    return { from, to, units: await deadlineCounts(deps.db, { from, to, unitPath }) };
  });
}
