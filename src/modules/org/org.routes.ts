import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import type { Trx } from '../../db/database.ts';
import { createUnit, moveUnit, renameUnit, setUnitActive } from './org.commands.ts';
import * as units from './org.repository.ts';

const UnitParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
const Unit = Type.Object({
  id: Type.Integer(), parentId: Type.Union([Type.Integer(), Type.Null()]), key: Type.String(), name: Type.String(),
  kind: Type.String(), level: Type.Integer(), active: Type.Boolean(),
});
const Kind = Type.Union(['centre', 'region', 'department', 'mediation'].map((k) => Type.Literal(k)));
const Name = Type.String({ minLength: 2, maxLength: 60 });

/** The organisation tree: read by all staff, changed by administrators, every change in its history. */
export async function orgRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tx = <T>(fn: (trx: Trx) => Promise<T>) => deps.db.transaction().execute(fn);

  r.get('/api/units', {
    config: { permission: 'org.read' },
    schema: { tags: ['organisation'], summary: 'All units, in tree order', querystring: Type.Object({ includeInactive: Type.Optional(Type.Boolean()) }), response: { 200: Type.Array(Unit) } },
  }, async (request) => units.listUnits(deps.db, { includeInactive: request.query.includeInactive }));

  r.get('/api/units/:id/history', {
    config: { permission: 'org.read' },
    schema: { tags: ['organisation'], summary: 'Changes to a unit', params: UnitParams },
  }, async (request) => {
    await units.requireUnit(deps.db, request.params.id);
    return units.unitHistory(deps.db, request.params.id);
  });

  r.post('/api/units', {
    config: { permission: 'org.write' },
    schema: {
      tags: ['organisation'], summary: 'Create a unit',
      body: Type.Object({ key: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{1,40}$' }), name: Name, kind: Kind, parentId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
      response: { 201: Unit },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const unit = await tx((trx) => createUnit(trx, actor.userId, request.body as never));
    return reply.status(201).send(unit);
  });

  r.post('/api/units/:id/rename', {
    config: { permission: 'org.write' },
    schema: { tags: ['organisation'], summary: 'Rename a unit', params: UnitParams, body: Type.Object({ name: Name }, { additionalProperties: false }), response: { 200: Unit } },
  }, async (request) => tx((trx) => renameUnit(trx, requireActor(request).userId, request.params.id, request.body.name)));

  r.post('/api/units/:id/move', {
    config: { permission: 'org.write' },
    schema: { tags: ['organisation'], summary: 'Move a unit under another parent', params: UnitParams, body: Type.Object({ parentId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }), response: { 200: Unit } },
  }, async (request) => tx((trx) => moveUnit(trx, requireActor(request).userId, request.params.id, request.body.parentId)));

  r.post('/api/units/:id/active', {
    config: { permission: 'org.write' },
    schema: { tags: ['organisation'], summary: 'Deactivate or reactivate a unit', params: UnitParams, body: Type.Object({ active: Type.Boolean() }, { additionalProperties: false }), response: { 200: Unit } },
  }, async (request) => tx((trx) => setUnitActive(trx, requireActor(request).userId, request.params.id, request.body.active)));
}
