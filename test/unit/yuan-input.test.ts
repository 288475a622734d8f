import { describe, expect, it } from 'vitest';
import { planItem, yuanToFen } from '../../web/src/staff/yuan-input.js';

describe('amounts typed in yuan become integer fen without floating point', () => {
  it.each([
    ['60.50', 6_050],
    ['60.5', 6_050],
    ['¥ 60', 6_000],
    [' 0.1 ', 10],
    ['0.29', 29],
    ['1234567.89', 123_456_789],
    ['1,000', 100_000],
  ])('%s → %i fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  it.each(['', 'abc', '-1', '1.234', '1,00', '1e3', '9'.repeat(20)])('refuses %j', (text) => {
    expect(yuanToFen(text)).toBeNull();
  });

  it('reads a plan item line with either semicolon, and refuses one without an amount', () => {
    expect(planItem('内胆更换费; 60.50')).toEqual({
      kind: 'direct_loss',
      description: '内胆更换费',
      amountFen: 6_050,
    });
    expect(planItem('交通费；¥19.5')).toEqual({
      kind: 'direct_loss',
      description: '交通费',
      amountFen: 1_950,
    });
    expect(planItem('交通费')).toBeNull();
    expect(planItem('; 12')).toBeNull();
  });
});

describe('a plan item line may name its settlement', () => {
  it('reads 现金/实物/服务 or cash/goods/service after the amount, and refuses another word', () => {
    expect(planItem('换新电热水壶; 199; 实物')).toEqual({
      kind: 'direct_loss',
      description: '换新电热水壶',
      amountFen: 19_900,
      settlement: 'goods',
    });
    expect(planItem('运费；20；现金')?.settlement).toBe('cash');
    expect(planItem('Repair visit; 80; Service')?.settlement).toBe('service');
    expect(planItem('运费; 20')).not.toHaveProperty('settlement');
    expect(planItem('运费; 20; 礼品卡')).toBeNull();
  });
});
