import { roleLabels } from './roles.ts';
import { actionLabels, caseActions, caseStates, lifecycle, stateLabels, type UnitRequirement } from './lifecycle.ts';

const unitText: Record<UnitRequirement, string> = {
  none: '—',
  pending: 'the unit holds an assignment awaiting its signature',
  open: 'the unit holds a pending or signed assignment',
  signed: 'the unit holds a signed assignment',
  signedLead: 'the unit is the signed lead unit',
  signedAssist: 'the unit is a signed assisting unit',
  signedSub: 'the unit was dispatched down to and signed',
  leadUnit: 'the unit is the lead unit',
};

/** The lifecycle table as Markdown (docs/lifecycle.md is this text; a test keeps them equal). */
export function renderLifecycleDoc(): string {
  const lines = [
    '# The lifecycle of an appeal',
    '',
    'Generated from `src/domain/lifecycle.ts` by `node --import tsx scripts/lifecycle-doc.ts > docs/lifecycle.md`;',
    'a test fails when this file and the table disagree.',
    '',
    '## States',
    '',
    '| state | 中文 | English |',
    '|---|---|---|',
    ...caseStates.map((s) => `| \`${s}\` | ${stateLabels[s].zh} | ${stateLabels[s].en} |`),
    '',
    '## Actions',
    '',
    'Checked in this order: the state (`ACTION_NOT_ALLOWED`, 409, with the actions allowed now), the role',
    '(`ROLE_NOT_PERMITTED`, 403), the acting unit (`NOT_ASSIGNED`, 403), the precondition (`PRECONDITION_FAILED`, 422).',
    '',
    '| action | 中文 | from states | roles | acting unit | note | to |',
    '|---|---|---|---|---|---|---|',
    ...caseActions.map((a) => {
      const r = lifecycle[a];
      const to = r.to === 'same' ? '(unchanged)' : typeof r.to === 'function' ? '(depends, see below)' : `\`${r.to}\``;
      const roles = r.roles.map((x) => `${x} (${roleLabels[x].zh})`).join(', ');
      const from = r.from.map((s) => `\`${s}\``).join(', ');
      return `| \`${a}\` | ${actionLabels[a].zh} | ${from} | ${roles} | ${unitText[r.unit]} | ${r.note} | ${to} |`;
    }),
    '',
    '## Where the next state depends on the case',
    '',
    '- `sign`: the lead unit\'s signature moves the case to `handling`; assisting and sub-dispatched units\' signatures leave it as it is.',
    '- `return`: the lead unit\'s return moves the case to `returned` (the dispatcher re-dispatches or overrules); an assisting unit drops out; a sub-dispatched unit\'s return goes back to the unit above it.',
    '- `recordCallback`: not reached stays in `callback` (the attempt is counted); reached, resolved and satisfied (非常满意, 满意, 基本满意) closes; anything else goes to `callback_review`, where the reviewer re-handles (重办) or closes.',
    '',
    '## Preconditions',
    '',
    '- `draftReply`: every assisting unit has submitted its input or returned, and every unit the lead dispatched down to has replied or returned.',
    '- `submitInput`, `replyUp`, `return`: units this unit dispatched down to have replied or returned.',
    '- `subDispatch`: the unit has active units below it.',
    '- `close` from `callback`: three unreached callback attempts.',
    '- `requestExtension`: no other request waits, the clock is not stopped, and (checked by the command) the deadline has not passed; 1 to 10 working days.',
    '- `approveExtension`, `refuseExtension`: an extension request waits. `approveSuspension`, `refuseSuspension`: a suspension request waits. `resume`: the case is suspended.',
    '- `draftReply` also waits while the case is suspended (resume the clock first).',
    '',
  ];
  return lines.join('\n');
}
