/** The shapes of the public API (docs/api.md) the app reads and writes. Money is always integer minor units. */

export type Role = 'ADMIN' | 'MANAGER' | 'STAFF' | 'KITCHEN' | 'AUDITOR';

export interface User {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  active: boolean;
}

export interface TokenAnswer {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: User;
}

export interface Modifier {
  id: string;
  name: string;
  priceCents: number;
}

export interface MenuItem {
  id: string;
  categoryId: string;
  name: string;
  description?: string;
  priceCents: number;
  station: string;
  allergens: string[];
  modifiers: Modifier[];
  available: boolean;
}

export interface MenuCategory {
  id: string;
  name: string;
  position: number;
  items: MenuItem[];
}

export interface Menu {
  categories: MenuCategory[];
}

export type TableStatus = 'FREE' | 'OCCUPIED' | 'BILLING';

export interface Table {
  id: string;
  number: number;
  seats: number;
  zone?: string;
  status: TableStatus;
  orderId?: string;
}

export type OrderStatus = 'OPEN' | 'IN_KITCHEN' | 'READY' | 'SERVED' | 'BILLED' | 'CLOSED' | 'CANCELLED';

export interface FloorRow {
  table: Table;
  order?: {
    id: string;
    status: OrderStatus;
    guests: number;
    waiter?: string | { id: string; name: string };
    openedAt: string;
    lineCount: number;
    readyCount: number;
    totalCents: number;
  };
  version?: number;
}

export type LineState = 'NEW' | 'SENT' | 'COOKING' | 'READY' | 'SERVED' | 'VOIDED';

export interface OrderLine {
  lineId: string;
  menuItemId: string;
  name: string;
  quantity: number;
  modifiers: string[];
  unitPriceCents: number;
  totalCents: number;
  seat?: number | null;
  course?: number | null;
  notes?: string | null;
  state: LineState;
}

export interface OrderView {
  orderId: string;
  tableId: string;
  tableNumber: number;
  guests: number;
  status: OrderStatus;
  waiter?: { id: string; name: string };
  lines: OrderLine[];
  subtotalCents: number;
  billId?: string | null;
  openedAt: string;
  closedAt?: string | null;
  version: number;
}

export type TicketItemStatus = 'QUEUED' | 'COOKING' | 'READY' | 'VOIDED';

export interface TicketItem {
  lineId: string;
  name: string;
  quantity: number;
  modifiers: string[];
  seat?: number | null;
  course?: number | null;
  notes?: string | null;
  allergens: string[];
  status: TicketItemStatus;
}

export interface TicketView {
  ticketId: string;
  orderId: string;
  tableNumber: number;
  station: string;
  items: TicketItem[];
  status: 'OPEN' | 'DONE';
  createdAt: string;
  doneAt?: string | null;
  version: number;
}

export interface Check {
  checkId: string;
  totalCents: number;
  paidCents: number;
}

export interface Payment {
  paymentId: string;
  checkId?: string | null;
  method: PaymentMethod;
  amountCents: number;
  tipCents: number;
  refunded: boolean;
}

export type PaymentMethod = 'CASH' | 'CARD' | 'OTHER';

export interface BillView {
  billId: string;
  orderId: string;
  tableNumber: number;
  lines: { lineId: string; name: string; quantity: number; totalCents: number }[];
  subtotalCents: number;
  discountCents: number;
  serviceChargeCents: number;
  taxCents: number;
  totalCents: number;
  paidCents: number;
  tipsCents: number;
  balanceCents: number;
  status: 'OPEN' | 'PAID' | 'VOIDED';
  checks: Check[];
  payments: Payment[];
  version: number;
}

export interface Settings {
  currency: string;
  taxRatePercent: number;
  serviceChargePercent: number;
  timeZone?: string;
}

/** A message on a STOMP destination: `{type, version, data}`. */
export interface LiveMessage<T> {
  type: string;
  version: number;
  data: T;
}

/** A row of `GET /reports/sales`: one hour, day, waiter or table. */
export interface SalesRow {
  key: string;
  orders: number;
  covers: number;
  grossCents: number;
  discountCents: number;
  taxCents: number;
  netCents: number;
  tipsCents: number;
  averageCheckCents: number;
}

export interface SalesReport {
  from: string;
  to: string;
  timeZone: string;
  rows: SalesRow[];
  totals: Omit<SalesRow, 'key'> & { key?: string };
}

export interface ItemSales {
  menuItemId: string;
  name: string;
  quantity: number;
  grossCents: number;
}

export interface StationTimes {
  station: string;
  tickets: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
  maxSeconds: number | null;
  delayed: number;
}

export type AdjustmentKind = 'VOID' | 'BILL_VOID' | 'DISCOUNT' | 'COMP' | 'REFUND';

export interface Adjustment {
  at: string;
  kind: AdjustmentKind;
  orderId: string | null;
  billId: string | null;
  amountCents: number;
  reason: string;
  by: string;
  approvedBy: string | null;
}

export type ReplayState = 'IDLE' | 'RUNNING' | 'DONE' | 'FAILED';

export interface ReplayStatus {
  replayId: string | null;
  state: ReplayState;
  processed: number;
  total: number;
  startedAt: string | null;
  finishedAt: string | null;
  eventsPerSecond: number;
  reason: string | null;
}

/** The services whose events an auditor reads one aggregate at a time. */
export type AuditService = 'orders' | 'tickets' | 'bills' | 'catalog';

export interface AuditMetadata {
  userId?: string | null;
  username?: string | null;
  role?: string | null;
  correlationId?: string | null;
  causationId?: string | null;
}

export interface AuditEvent {
  sequence: number;
  type: string;
  timestamp: string;
  payload: unknown;
  metadata: AuditMetadata;
  hash: string;
  previousHash?: string | null;
  service?: string;
  globalIndex?: number;
  eventId?: string;
  aggregateType?: string;
  aggregateId?: string;
}

export interface AuditPage {
  items: AuditEvent[];
  page: number;
  size: number;
  total: number;
}

export interface StreamVerification {
  valid: boolean;
  events: number;
  firstBrokenSequence: number | null;
  reason: string | null;
}

export interface Checkpoint {
  service: string;
  upToGlobalIndex: number;
  events: number;
  merkleRoot: string;
  signedAt: string;
  keyId: string;
  signature: string;
}

export interface UserAccount extends User {
  createdAt?: string;
  updatedAt?: string;
}
