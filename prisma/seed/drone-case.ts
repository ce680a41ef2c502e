export async function seedDroneCase(_db: unknown) { return { dataset: 'drone-case', pending: 1 }; }
