'use client';

// Errors thrown by a route group's layout (e.g. the session check when the database is down).
export { RouteError as default } from '@/components/ui/route-error';
