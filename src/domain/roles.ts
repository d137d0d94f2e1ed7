/**
 * Staff roles and what each may see. Which *case actions* a role may take is
 * in lifecycle.ts; this file holds the rest of the permission table.
 */
export const roles = [
  'operator', // 接线员
  'dispatcher', // 派单员
  'handler', // 承办人
  'head', // 单位负责人（审签）
  'reviewer', // 审核/回访员
  'supervisor', // 督办员
  'leader', // 领导
  'admin', // 管理员
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  operator: { zh: '接线员', en: 'Operator' },
  dispatcher: { zh: '派单员', en: 'Dispatcher' },
  handler: { zh: '承办人', en: 'Unit handler' },
  head: { zh: '单位负责人', en: 'Unit head' },
  reviewer: { zh: '审核回访员', en: 'Reviewer / callback agent' },
  supervisor: { zh: '督办员', en: 'Supervisor' },
  leader: { zh: '领导', en: 'Leader' },
  admin: { zh: '管理员', en: 'Administrator' },
};

/** Roles whose holders see every case in the city, whatever their unit. */
const citywideRoles: readonly Role[] = ['operator', 'dispatcher', 'reviewer', 'supervisor', 'leader', 'admin'];

/**
 * A staff account sees the cases of its unit and the units below it; the
 * 12345 centre, supervisors and leaders see all.
 */
export function seesWholeCity(userRoles: readonly Role[], unitKind: string): boolean {
  return unitKind === 'centre' || userRoles.some((r) => citywideRoles.includes(r));
}

/** Non-case permissions, checked by the one access check in src/http/auth.ts. */
export const permissions = {
  'case.create': ['operator', 'dispatcher'],
  'case.read': roles,
  'org.read': roles,
  'org.write': ['admin'],
  'user.read': ['admin'],
  'user.write': ['admin'],
  'config.write': ['admin'],
  'export.all': ['admin', 'leader', 'supervisor'],
  // Bulk import of appeals from CSV/XLSX, and its reports (docs/import-export.md).
  'case.import': ['admin', 'dispatcher'],
  // Citizens' names and phones in a bulk export (docs/import-export.md).
  'export.personal': ['admin'],
  // Checking Leader Message Board posts before they appear (先审后发; docs/board.md).
  'board.moderate': ['operator', 'dispatcher'],
  // The hotline desk: caller lookup, call records, call-back tasks (docs/hotline.md).
  'hotline.desk': ['operator', 'dispatcher', 'reviewer'],
  // Call records and the answer rates (接通率) for the desk and those who steer it.
  'hotline.figures': ['operator', 'dispatcher', 'reviewer', 'supervisor', 'leader', 'admin'],
  // Writing the knowledge base (知识库); every staff member may read it.
  'knowledge.write': ['admin', 'operator', 'dispatcher'],
  // Clearing the review flag a sensitive intake word set (docs/routing.md).
  'case.reviewFlag': ['operator', 'dispatcher', 'reviewer', 'supervisor', 'admin'],
  // Making a bulletin (定期通报) on demand; reading them is for all staff in their subtree (docs/bulletins.md).
  'bulletin.generate': ['admin', 'leader', 'supervisor', 'head'],
  // 考核申诉: a unit's head appeals how a case counts; the centre decides (docs/assessment.md).
  'assessment.appeal': ['head'],
  'assessment.decide': ['admin', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof permissions;

export function hasPermission(userRoles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = permissions[permission];
  return userRoles.some((r) => allowed.includes(r));
}
