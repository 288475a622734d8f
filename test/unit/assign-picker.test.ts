import { describe, expect, it } from 'vitest';
import { assigneesFor } from '../../web/src/staff/assignees.js';

const name = (zh: string) => ({ 'zh-CN': zh, en: zh });
const choices = {
  units: [
    { id: 'EAST', name: name('华东大区'), parentId: 'HQ', depth: 0 },
    { id: 'EAST-SH01', name: name('上海一店'), parentId: 'EAST', depth: 1 },
    { id: 'EAST-SH02', name: name('上海二店'), parentId: 'EAST', depth: 1 },
  ],
  colleagues: [
    { id: 'm-east', name: '华东大区经理', unitId: 'EAST' },
    { id: 'a-sh01', name: '上海一店专员', unitId: 'EAST-SH01' },
    { id: 'a-sh02', name: '上海二店专员', unitId: 'EAST-SH02' },
  ],
};

/** The assign form offers what the API's checkAssignee accepts: people of the claim's unit or below it. */
describe('the assign form’s people', () => {
  it('are the colleagues of the unit and the units below it', () => {
    expect(assigneesFor(choices, 'EAST').map((c) => c.id)).toEqual(['m-east', 'a-sh01', 'a-sh02']);
    expect(assigneesFor(choices, 'EAST-SH01').map((c) => c.id)).toEqual(['a-sh01']);
  });

  it('are nobody for a unit outside the caller’s units, or before /staff/me answered', () => {
    expect(assigneesFor(choices, 'WEST')).toEqual([]);
    expect(assigneesFor(undefined, 'EAST')).toEqual([]);
  });
});
