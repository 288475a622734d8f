import * as z from '../zod.js';

/** SPEC §Lifecycle 4: the categories a claim is classified into. */
export const CATEGORIES = [
  'product_quality', // 产品质量
  'delivery_delay', // 交货延迟
  'wrong_shipment', // 错发/少发/多发
  'packaging_damage', // 包装破损
  'stock_out', // 断货
  'service_attitude', // 服务态度
  'installation_quality', // 施工质量
  'logistics', // 物流 (third party)
  'pricing', // 价格
  'other',
] as const;
export const CategorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof CategorySchema>;

/** SPEC §Lifecycle 1: what the customer asks for. */
export const REMEDIES = ['refund', 'replacement', 'repair', 'discount', 'compensation', 'apology'] as const;
export const RemedySchema = z.enum(REMEDIES);
export type Remedy = z.infer<typeof RemedySchema>;

export const CHANNELS = ['web', 'email', 'phone', 'walk_in'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

export const LanguageSchema = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof LanguageSchema>;
