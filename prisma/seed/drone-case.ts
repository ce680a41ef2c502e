// Placeholder until the curated drone case (data/drone-case/drone-case.json) lands: seeds nothing.
export async function seedDroneCase() {
  return { dataset: 'drone-case', pending: 1 };
}
