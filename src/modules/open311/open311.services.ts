import type { Queryable } from '../../db/database.ts';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import { caseTypeLabels, caseTypes, urgencies, urgencyLabels, type CaseType, type Urgency } from '../case/case.vocabulary.ts';

/**
 * Open311 services are the active level-3 categories of the appeal taxonomy
 * (诉求分类): `service_code` is the category's id (stable: categories are
 * renamed or deactivated, never renumbered), `group` its level-1 name. Every
 * service has the same three optional attributes (metadata true): the appeal
 * type, the urgency and the district or county.
 */

export interface ServiceRow {
  id: number;
  name: string;
  level1: string;
  level2: string;
}

function servicesQuery(db: Queryable) {
  return db
    .selectFrom('categories as c3')
    .innerJoin('categories as c2', 'c2.id', 'c3.parentId')
    .innerJoin('categories as c1', 'c1.id', 'c2.parentId')
    .select(['c3.id', 'c3.name', 'c2.name as level2', 'c1.name as level1'])
    .where('c3.level', '=', 3)
    .where('c3.active', '=', true)
    .where('c2.active', '=', true)
    .where('c1.active', '=', true);
}

export async function listServices(db: Queryable): Promise<ServiceRow[]> {
  return servicesQuery(db).orderBy('c3.sort').orderBy('c3.id').execute();
}

/** @throws CATEGORY_NOT_FOUND when the code is not an active level-3 category (the spec's 404). */
export async function requireService(db: Queryable, code: string): Promise<ServiceRow> {
  const row = /^\d{1,9}$/.test(code) ? await servicesQuery(db).where('c3.id', '=', Number(code)).executeTakeFirst() : undefined;
  if (!row) throw new DomainError('CATEGORY_NOT_FOUND', { detail: code });
  return row;
}

/** A service as the service list shows it. */
export function presentService(s: ServiceRow) {
  return {
    service_code: String(s.id),
    service_name: s.name,
    description: `${s.level1} / ${s.level2} / ${s.name}`,
    metadata: true,
    type: 'realtime' as const,
    keywords: `${s.level2}, ${s.name}`,
    group: s.level1,
  };
}

/** The districts and counties (level-2 regions) a request may name; keyed by the stable unit key. */
export async function regionChoices(db: Queryable) {
  return db
    .selectFrom('units')
    .select(['id', 'key', 'name'])
    .where('kind', '=', 'region')
    .where('level', '=', 2)
    .where('active', '=', true)
    .orderBy('path')
    .execute();
}

export const DEFAULT_TYPE: CaseType = 'help';
export const DEFAULT_URGENCY: Urgency = 'normal';
export const attributeCodes = { type: 'appeal_type', urgency: 'urgency', region: 'region' } as const;

/** The service definition: the same three optional, single-choice attributes for every service. */
export async function serviceDefinition(db: Queryable, s: ServiceRow) {
  const regions = await regionChoices(db);
  const attribute = (order: number, code: string, description: string, values: { key: string; name: string }[]) => ({
    variable: true, code, datatype: 'singlevaluelist' as const, required: false, datatype_description: null, order, description, values,
  });
  return {
    service_code: String(s.id),
    attributes: [
      attribute(1, attributeCodes.type, `诉求类型 Type of appeal (default: ${caseTypeLabels[DEFAULT_TYPE].zh} ${caseTypeLabels[DEFAULT_TYPE].en})`,
        caseTypes.map((t) => ({ key: t, name: `${caseTypeLabels[t].zh} ${caseTypeLabels[t].en}` }))),
      attribute(2, attributeCodes.urgency, `紧急程度 Urgency (default: ${urgencyLabels[DEFAULT_URGENCY].zh} ${urgencyLabels[DEFAULT_URGENCY].en}); the 12345 centre checks it when registering`,
        urgencies.map((u) => ({ key: u, name: `${urgencyLabels[u].zh} ${urgencyLabels[u].en}` }))),
      attribute(3, attributeCodes.region, '所在区县 District or county where it happens (optional: the centre finds it from the location)',
        regions.map((r) => ({ key: r.key, name: r.name }))),
    ],
  };
}

/**
 * The case fields the attributes set. Unknown attribute codes are ignored,
 * as clients may send attributes of other servers; a known attribute with a
 * value outside its list is refused.
 * @throws INVALID_INPUT for a value that is not in the attribute's list.
 */
export async function resolveAttributes(db: Queryable, attributes: Record<string, string | string[]>) {
  const one = (code: string) => {
    const v = attributes[code];
    if (Array.isArray(v) && v.length > 1) throw invalidInput(`属性 ${code} 只能有一个值`, `attribute[${code}] takes one value`);
    return Array.isArray(v) ? v[0] : v;
  };
  const type = one(attributeCodes.type) ?? DEFAULT_TYPE;
  if (!caseTypes.includes(type as CaseType)) throw invalidInput(`属性 appeal_type 的取值无效：${type}`, `attribute[appeal_type] is not one of ${caseTypes.join(', ')}: ${type}`);
  const urgency = one(attributeCodes.urgency) ?? DEFAULT_URGENCY;
  if (!urgencies.includes(urgency as Urgency)) throw invalidInput(`属性 urgency 的取值无效：${urgency}`, `attribute[urgency] is not one of ${urgencies.join(', ')}: ${urgency}`);
  const regionKey = one(attributeCodes.region);
  let regionUnitId: number | null = null;
  if (regionKey !== undefined) {
    const region = (await regionChoices(db)).find((r) => r.key === regionKey);
    if (!region) throw invalidInput(`属性 region 的取值无效：${regionKey}`, `attribute[region] is not a district or county of the service definition: ${regionKey}`);
    regionUnitId = region.id;
  }
  return { type: type as CaseType, urgency: urgency as Urgency, regionUnitId };
}

/** When the service list or definitions last changed: this API's release, or a later change of the regions. */
export async function servicesChangeset(db: Queryable): Promise<Date> {
  const released = new Date('2026-11-27T07:00:00+08:00');
  const row = await db.selectFrom('units').select((eb) => eb.fn.max('updatedAt').as('at'))
    .where('kind', '=', 'region').where('level', '=', 2).executeTakeFirst();
  const at = row?.at ? new Date(row.at as Date) : undefined;
  return at && at > released ? at : released;
}
