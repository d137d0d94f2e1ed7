import { sql, type Kysely } from 'kysely';

/**
 * Frozen: the working-day calendar's admin overrides and confirmed years,
 * configurable settings (working hours, due-soon threshold, escalation
 * ladder), and the time-limit policy table with its defaults.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- An administrator's correction of the official calendar: a local holiday, or a working day.
    CREATE TABLE calendar_overrides (
      date        date PRIMARY KEY,
      kind        text NOT NULL CHECK (kind IN ('workday','holiday')),
      name        text,
      created_by  integer REFERENCES users(id),
      created_at  timestamptz NOT NULL DEFAULT now()
    );

    -- A year whose holiday arrangement an administrator has entered completely (e.g. after the State Council notice).
    CREATE TABLE calendar_years (
      year          integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 2200),
      note          text,
      confirmed_by  integer REFERENCES users(id),
      confirmed_at  timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE settings (
      key         text PRIMARY KEY,
      value       jsonb NOT NULL,
      updated_by  integer REFERENCES users(id),
      updated_at  timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE time_limit_policies (
      id           serial PRIMARY KEY,
      stage        text NOT NULL CHECK (stage IN ('register','sign','reply','review','callback')),
      case_type    text,
      urgency      text,
      channel      text,
      category_id  integer REFERENCES categories(id),
      amount       integer NOT NULL CHECK (amount > 0),
      unit         text NOT NULL CHECK (unit IN ('workdays','hours','minutes')),
      active       boolean NOT NULL DEFAULT true,
      note         text,
      updated_by   integer REFERENCES users(id),
      updated_at   timestamptz NOT NULL DEFAULT now()
    );
    -- Two active rows with the same criteria would make the choice arbitrary.
    CREATE UNIQUE INDEX time_limit_policies_criteria_idx ON time_limit_policies
      (stage, coalesce(case_type, ''), coalesce(urgency, ''), coalesce(channel, ''), coalesce(category_id, 0))
      WHERE active;

    INSERT INTO settings (key, value) VALUES
      ('working_hours', '[{"start":"09:00","end":"12:00"},{"start":"13:30","end":"17:30"}]'),
      ('due_soon', '{"workingHours":7}'),
      ('escalation_ladder', '[{"level":"urge","afterWorkingHours":0},{"level":"supervise","afterWorkingHours":14},{"level":"listed","afterWorkingHours":35}]');

    INSERT INTO time_limit_policies (stage, case_type, urgency, channel, amount, unit, note) VALUES
      ('register', NULL, NULL, NULL, 1, 'workdays', '默认：受理后1个工作日内登记'),
      ('register', NULL, 'urgent', NULL, 2, 'hours', '紧急诉求：2个工作小时内登记'),
      ('register', NULL, 'critical', NULL, 1, 'hours', '特急诉求：1个工作小时内登记'),
      ('sign', NULL, NULL, NULL, 1, 'workdays', '默认：派单后1个工作日内签收'),
      ('sign', NULL, 'urgent', NULL, 2, 'hours', '紧急诉求：2个工作小时内签收'),
      ('sign', NULL, 'critical', NULL, 30, 'minutes', '特急诉求：30个工作分钟内签收'),
      ('reply', NULL, NULL, NULL, 5, 'workdays', '默认：5个工作日内办结答复'),
      ('reply', 'inquiry', NULL, NULL, 5, 'workdays', '咨询：5个工作日'),
      ('reply', 'help', NULL, NULL, 5, 'workdays', '求助：5个工作日'),
      ('reply', 'thanks', NULL, NULL, 5, 'workdays', '感谢：5个工作日'),
      ('reply', 'other', NULL, NULL, 5, 'workdays', '其他：5个工作日'),
      ('reply', 'complaint', NULL, NULL, 10, 'workdays', '投诉：10个工作日'),
      ('reply', 'report', NULL, NULL, 10, 'workdays', '举报：10个工作日'),
      ('reply', 'suggestion', NULL, NULL, 10, 'workdays', '建议：10个工作日'),
      ('reply', NULL, NULL, 'board', 7, 'workdays', '领导留言板：各类留言7个工作日'),
      ('reply', NULL, 'urgent', NULL, 1, 'workdays', '紧急诉求：1个工作日'),
      ('reply', NULL, 'critical', NULL, 4, 'hours', '特急诉求：4个工作小时'),
      ('reply', NULL, 'urgent', 'board', 1, 'workdays', '领导留言板紧急留言：1个工作日'),
      ('reply', NULL, 'critical', 'board', 4, 'hours', '领导留言板特急留言：4个工作小时'),
      ('review', NULL, NULL, NULL, 1, 'workdays', '默认：答复后1个工作日内审核'),
      ('callback', NULL, NULL, NULL, 2, 'workdays', '默认：审核通过后2个工作日内回访');
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE time_limit_policies, settings, calendar_years, calendar_overrides`.execute(db);
}
