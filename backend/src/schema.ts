/** All tables, gathered for drizzle-kit (migrations); each module owns its own file. */
export * from './reference/schema';
export * from './institutions/schema';
export * from './catalog/schema';
export * from './requests/schema';
export * from './sla-policy/schema';
export * from './calendar/schema';
export * from './auth/schema';
export * from './outbox/schema';
export * from './notifications/schema';
export * from './supervision/schema';
export * from './audit/schema';
export * from './ops/schema';
export * from './fiscal/schema';
export * from './profiles/schema';
