/** `npm run bench -- <name> [options]`: runs one benchmark (or all) and writes bench/results/<name>-latest.json. */
const benches: Record<string, () => Promise<{ main(args: string[]): Promise<void> }>> = {
  sweep: () => import('./sweep.ts'),
  classify: () => import('./classify.ts'),
  stats: () => import('./stats.ts'),
  intake: () => import('./intake.ts'),
  duplicates: () => import('./duplicates-eval.ts'),
  search: () => import('./search.ts'),
  routing: () => import('./routing.ts'),
};

const [name, ...args] = process.argv.slice(2);
const chosen = name ? [name] : Object.keys(benches);
for (const n of chosen) {
  const load = benches[n];
  if (!load) {
    console.error(`unknown benchmark ${n}; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  await (await load()).main(args);
}
process.exit(0);
