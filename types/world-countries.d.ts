// The package's CommonJS entry (lib/normalize/countries.ts imports it): the same data as its typed main entry.
declare module 'world-countries/index.cjs' {
  import type { Countries } from 'world-countries';
  const countries: Countries;
  export default countries;
}
