import type { FloorRow } from '../../api/types';
import { colours } from '../../ui/theme';

export type TableState = 'free' | 'ordering' | 'kitchen' | 'ready' | 'served' | 'billing';

export function tableState(row: FloorRow): TableState {
  if (!row.order || row.table.status === 'FREE') {
    return row.table.status === 'BILLING' ? 'billing' : 'free';
  }
  if (row.table.status === 'BILLING') {
    return 'billing';
  }
  switch (row.order.status) {
    case 'IN_KITCHEN':
      return 'kitchen';
    case 'READY':
      return 'ready';
    case 'SERVED':
      return 'served';
    case 'BILLED':
      return 'billing';
    default:
      return 'ordering';
  }
}

export const STATE_LABEL: Record<TableState, string> = {
  free: 'Free',
  ordering: 'Ordering',
  kitchen: 'In kitchen',
  ready: 'Ready',
  served: 'Served',
  billing: 'Billing',
};

export const STATE_COLOUR: Record<TableState, string> = colours.table;
