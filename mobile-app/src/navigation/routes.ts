import type { Role } from '../api/types';

/** The screens, each with the web path it answers to (a table's QR code points to `/tables/{id}`). */
export type Route =
  | { name: 'home' }
  | { name: 'floor' }
  /** `orderId`, when known, saves the table screen waiting for the floor to name the order (after a transfer). */
  | { name: 'table'; tableId: string; orderId?: string }
  | { name: 'kitchen' }
  | { name: 'manager' }
  | { name: 'auditor' };

export function routeFromPath(path: string): Route {
  const parts = path.split('?')[0].split('/').filter(Boolean);
  if (parts[0] === 'tables' && parts[1]) {
    return { name: 'table', tableId: decodeURIComponent(parts[1]) };
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
    default:
      return `/${route.name}`;
  }
}

/** Who may see which screen; anything else sends the user to their own first screen. */
const ALLOWED: Record<Role, Route['name'][]> = {
  STAFF: ['floor', 'table'],
  KITCHEN: ['kitchen'],
  MANAGER: ['manager', 'floor', 'table', 'kitchen'],
  ADMIN: ['manager', 'floor', 'table', 'kitchen', 'auditor'],
  AUDITOR: ['auditor'],
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

export function resolve(route: Route, role: Role): Route {
  return ALLOWED[role].includes(route.name) ? route : homeOf(role);
}
