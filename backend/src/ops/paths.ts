/** Where the platform admin's queue dashboard is served (ops/queue-dashboard.ts); the web app links to it. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
