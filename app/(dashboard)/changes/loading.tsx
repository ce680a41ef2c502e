// Only on pages without a record id: a loading boundary above a page that may answer 404 would
// start the response (status 200) before the page knows the record is missing.
export { RouteLoading as default } from '@/components/ui/route-states';
