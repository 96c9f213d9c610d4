import type { Role } from '../api/types';
import { pathOf, resolve, routeFromPath, type Route } from './routes';

const seen = (path: string, role: Role) => resolve(routeFromPath(path), role);

describe('routes', () => {
  it('gives every screen a web path that leads back to it', () => {
    const routes: Route[] = [
      { name: 'floor' },
      { name: 'kitchen' },
      { name: 'manager' },
      { name: 'reports' },
      { name: 'menu-editor' },
      { name: 'tables-editor' },
      { name: 'settings' },
      { name: 'users' },
      { name: 'auditor' },
      { name: 'audit-stream', service: 'bills', aggregateId: 'e0000000-0000-4000-8000-000000000009' },
    ];
    routes.forEach((route) => expect(routeFromPath(pathOf(route))).toEqual(route));
  });

  it("never shows a waiter or a cook a manager's or an auditor's screen: a link to one says it is not allowed", () => {
    for (const role of ['STAFF', 'KITCHEN'] as Role[]) {
      for (const path of ['/manager', '/manager/reports', '/manager/users', '/auditor', '/auditor/orders/x']) {
        expect(seen(path, role)).toEqual({ name: 'not-allowed', path });
      }
    }
    expect(seen('/', 'STAFF')).toEqual({ name: 'floor' });
    expect(seen('/kitchen', 'STAFF')).toEqual({ name: 'not-allowed', path: '/kitchen' });
  });

  it('keeps managers out of the audit and the users, auditors out of the back office, and lets an admin see all', () => {
    expect(seen('/auditor', 'MANAGER').name).toBe('not-allowed');
    expect(seen('/manager/users', 'MANAGER').name).toBe('not-allowed');
    expect(seen('/manager/reports', 'MANAGER').name).toBe('reports');
    expect(seen('/manager/reports', 'AUDITOR').name).toBe('not-allowed');
    expect(seen('/auditor/orders/x', 'AUDITOR').name).toBe('audit-stream');
    for (const path of ['/manager/users', '/auditor', '/manager/reports', '/floor']) {
      expect(seen(path, 'ADMIN').name).not.toBe('not-allowed');
    }
  });
});
