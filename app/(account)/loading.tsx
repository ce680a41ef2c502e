export { RouteLoading as default } from '@/components/ui/route-states';
