import type { AuditService, Role } from '../api/types';

/** The screens, each with the web path it answers to (a table's QR code points to `/tables/{id}`). */
export type Route =
  | { name: 'home' }
  | { name: 'floor' }
  /** `orderId`, when known, saves the table screen waiting for the floor to name the order (after a transfer). */
  | { name: 'table'; tableId: string; orderId?: string }
  | { name: 'kitchen' }
  | { name: 'manager' }
  | { name: 'reports' }
  | { name: 'menu-editor' }
  | { name: 'tables-editor' }
  | { name: 'settings' }
  | { name: 'users' }
  | { name: 'auditor' }
  | { name: 'audit-stream'; service: AuditService; aggregateId: string }
  /** A screen the signed-in role may not open, reached by a link. */
  | { name: 'not-allowed'; path: string };

const AUDIT_SERVICES: AuditService[] = ['orders', 'tickets', 'bills', 'catalog'];

const MANAGER_PAGES: Record<string, Route> = {
  reports: { name: 'reports' },
  menu: { name: 'menu-editor' },
  tables: { name: 'tables-editor' },
  settings: { name: 'settings' },
  users: { name: 'users' },
};

export function routeFromPath(path: string): Route {
  const parts = path.split('?')[0].split('/').filter(Boolean);
  if (parts[0] === 'tables' && parts[1]) {
    return { name: 'table', tableId: decodeURIComponent(parts[1]) };
  }
  if (parts[0] === 'manager' && parts[1]) {
    return MANAGER_PAGES[parts[1]] ?? { name: 'manager' };
  }
  if (parts[0] === 'auditor' && parts[1] && parts[2] && AUDIT_SERVICES.includes(parts[1] as AuditService)) {
    return { name: 'audit-stream', service: parts[1] as AuditService, aggregateId: decodeURIComponent(parts[2]) };
  }
  switch (parts[0]) {
    case 'floor':
      return { name: 'floor' };
    case 'kitchen':
      return { name: 'kitchen' };
    case 'manager':
      return { name: 'manager' };
    case 'auditor':
      return { name: 'auditor' };
    default:
      return { name: 'home' };
  }
}

export function pathOf(route: Route): string {
  switch (route.name) {
    case 'table':
      return `/tables/${encodeURIComponent(route.tableId)}`;
    case 'home':
      return '/';
    case 'reports':
      return '/manager/reports';
    case 'menu-editor':
      return '/manager/menu';
    case 'tables-editor':
      return '/manager/tables';
    case 'settings':
      return '/manager/settings';
    case 'users':
      return '/manager/users';
    case 'audit-stream':
      return `/auditor/${route.service}/${encodeURIComponent(route.aggregateId)}`;
    case 'not-allowed':
      return route.path;
    default:
      return `/${route.name}`;
  }
}

const MANAGING: Route['name'][] = ['manager', 'reports', 'menu-editor', 'tables-editor', 'settings', 'floor', 'table', 'kitchen'];
const AUDITING: Route['name'][] = ['auditor', 'audit-stream'];

/** Who may see which screen. The server refuses the calls behind a screen anyway; this keeps the app honest. */
const ALLOWED: Record<Role, Route['name'][]> = {
  STAFF: ['floor', 'table'],
  KITCHEN: ['kitchen'],
  MANAGER: MANAGING,
  ADMIN: [...MANAGING, 'users', ...AUDITING],
  AUDITOR: AUDITING,
};

export function homeOf(role: Role): Route {
  switch (role) {
    case 'STAFF':
      return { name: 'floor' };
    case 'KITCHEN':
      return { name: 'kitchen' };
    case 'AUDITOR':
      return { name: 'auditor' };
    default:
      return { name: 'manager' };
  }
}

export function allows(role: Role, name: Route['name']): boolean {
  return ALLOWED[role].includes(name);
}

/** The address bar's root leads to the role's first screen; any other screen the role may not see says so. */
export function resolve(route: Route, role: Role): Route {
  if (route.name === 'home') {
    return homeOf(role);
  }
  if (route.name === 'not-allowed' || allows(role, route.name)) {
    return route;
  }
  return { name: 'not-allowed', path: pathOf(route) };
}
