export { RouteNotFound as default } from '@/components/ui/route-states';
