import * as z from '../../shared/zod.js';
import { offsetParts } from '../../shared/domain/clock-offset.js';
import type { Language as Lang } from '../../shared/domain/categories.js';

/** `notices` of GET /staff/me: the banners the console and the dashboard show above everything else. */
export const NoticesSchema = z.object({
  missingHolidayYears: z.array(z.int()),
  clockOffset: z.optional(z.object({ iso: z.string(), milliseconds: z.number() })),
});
export type Notices = z.infer<typeof NoticesSchema>;

/** The banners' words, in the reader's language (zh-CN default). */
export function noticeTexts(notices: Notices, lang: Lang): string[] {
  const texts: string[] = [];
  const years = notices.missingHolidayYears;
  if (years.length > 0) {
    texts.push(
      lang === 'en'
        ? `The ${years.join(' and ')} holiday schedule has not been loaded: deadlines in ${years.join(' and ')} are counted on weekends only for now.`
        : `${years.join('、')} 年节假日安排尚未导入，截止时间暂按仅周末计算`,
    );
  }
  if (notices.clockOffset && notices.clockOffset.milliseconds !== 0) {
    texts.push(clockText(notices.clockOffset.milliseconds, lang));
  }
  return texts;
}

function clockText(milliseconds: number, lang: Lang): string {
  const { ahead, days, hours, minutes } = offsetParts(milliseconds);
  if (lang === 'en') {
    const unit = (n: number, word: string) => (n === 0 ? [] : [`${n} ${word}${n === 1 ? '' : 's'}`]);
    const amount = [...unit(days, 'day'), ...unit(hours, 'hour'), ...unit(minutes, 'minute')].join(' ');
    return `Rehearsal clock: ${amount || 'less than a minute'} ${ahead ? 'ahead' : 'behind'}`;
  }
  const unit = (n: number, word: string) => (n === 0 ? '' : `${n} ${word}`);
  const amount = [unit(days, '天'), unit(hours, '小时'), unit(minutes, '分钟')].filter(Boolean).join(' ');
  return `演练时钟：比实际时间${ahead ? '快' : '慢'} ${amount || '不到 1 分钟'}`;
}
