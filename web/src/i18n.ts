/** Page texts in zh-CN (default) and English. The language choice is kept in the URL (?lang=en). */
export type Lang = 'zh-CN' | 'en';

export function currentLang(): Lang {
  return new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';
}

export function switchLangHref(lang: Lang): string {
  const params = new URLSearchParams(location.search);
  if (lang === 'en') params.set('lang', 'en');
  else params.delete('lang');
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
}

const TEXT = {
  title: ['客户索赔 / 投诉', 'File a claim or complaint'],
  intro: [
    '请填写以下信息，我们会在 3 个工作日内答复。带 * 的为必填项。',
    'Tell us what happened. We answer within 3 working days. Fields marked * are required.',
  ],
  switchTo: ['English', '中文'],
  you: ['您的信息', 'About you'],
  name: ['姓名 *', 'Name *'],
  phone: ['手机号码', 'Phone'],
  email: ['电子邮箱', 'Email'],
  contactHint: ['手机号码和电子邮箱至少填写一项。', 'Give a phone number or an email address, or both.'],
  product: ['产品 / 服务', 'Product or service'],
  productName: ['产品或服务名称 *', 'Product or service name *'],
  model: ['型号', 'Model'],
  quantity: ['数量', 'Quantity'],
  orderNumber: ['订单号', 'Order number'],
  problem: ['问题', 'The problem'],
  foundOn: ['发现问题的日期 *', 'Date you found the problem *'],
  category: ['问题类别', 'Kind of problem'],
  description: ['问题描述 *', 'What happened *'],
  remedy: ['您希望的处理方式 *', 'What you would like us to do *'],
  amount: ['索赔金额（元）', 'Amount claimed (CNY)'],
  submit: ['提交', 'Submit'],
  submitting: ['正在提交…', 'Submitting…'],
  fixErrors: ['请修改标出的内容后再提交。', 'Please correct the marked fields.'],
  failed: ['提交失败，请稍后再试。', 'The claim could not be submitted. Please try again.'],
  received: ['我们已收到您的索赔', 'We have received your claim'],
  yourNumber: ['索赔编号', 'Claim number'],
  nextDeadline: [
    '我们将在 3 个工作日内答复（{date} 前）。',
    'We will answer within 3 working days (by {date}).',
  ],
  keepLink: ['请保存以下链接，用它查看处理进度：', 'Keep this link to follow your claim:'],
  track: ['查看进度', 'Follow my claim'],
  notAdmitted: ['很抱歉，该索赔不予受理：', 'We are sorry, this claim cannot be admitted:'],
  status: ['状态', 'Status'],
  timeline: ['处理记录', 'What has happened'],
  materialAsked: ['我们需要您补充以下材料：', 'We need the following from you:'],
  addMaterial: ['补充材料', 'Add material'],
  message: ['说明', 'Message'],
  send: ['发送', 'Send'],
  sent: ['已收到您补充的材料。', 'Thank you, we received your material.'],
  notFound: [
    '未找到该索赔，请检查链接是否完整。',
    'We could not find this claim. Please check that the link is complete.',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type TextKey = keyof typeof TEXT;

export function t(key: TextKey, lang: Lang, vars: Record<string, string> = {}): string {
  const text = TEXT[key][lang === 'en' ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

export const CATEGORY_LABELS: Record<string, readonly [string, string]> = {
  product_quality: ['产品质量', 'Product quality'],
  delivery_delay: ['交货延迟', 'Late delivery'],
  wrong_shipment: ['错发 / 少发 / 多发', 'Wrong, short or extra shipment'],
  packaging_damage: ['包装破损', 'Damaged packaging'],
  stock_out: ['断货', 'Out of stock'],
  service_attitude: ['服务态度', 'Service attitude'],
  installation_quality: ['施工质量', 'Installation quality'],
  logistics: ['物流', 'Logistics'],
  pricing: ['价格', 'Pricing'],
  other: ['其他', 'Other'],
};

export const REMEDY_LABELS: Record<string, readonly [string, string]> = {
  refund: ['退款', 'Refund'],
  replacement: ['换货', 'Replacement'],
  repair: ['维修', 'Repair'],
  discount: ['折价', 'Discount'],
  compensation: ['赔偿', 'Compensation'],
  apology: ['道歉', 'Apology'],
};

export const STATUS_LABELS: Record<string, readonly [string, string]> = {
  received: ['已受理', 'Received'],
  needs_material: ['待补充材料', 'Waiting for your material'],
  admitted: ['材料齐全', 'Material complete'],
  investigating: ['调查中', 'Under investigation'],
  proposed: ['方案审批中', 'Proposal under approval'],
  legal_review: ['法务审核中', 'Legal review'],
  offer_sent: ['待您确认方案', 'Offer waiting for you'],
  negotiating: ['协商中', 'In negotiation'],
  reconsideration: ['复议中', 'Reconsideration'],
  executing: ['执行中', 'Being carried out'],
  executed: ['已执行', 'Carried out'],
  legal_proceedings: ['法律程序中', 'Legal proceedings'],
  closed: ['已关闭', 'Closed'],
  not_admitted: ['不予受理', 'Not admitted'],
  withdrawn: ['已撤回', 'Withdrawn'],
};

export const ACTION_LABELS: Record<string, readonly [string, string]> = {
  file_claim: ['收到索赔', 'Claim received'],
  request_material: ['请您补充材料', 'We asked you for material'],
  add_material: ['您补充了材料', 'You added material'],
  mark_material_complete: ['材料齐全', 'Material complete'],
  start_investigation: ['开始调查', 'Investigation started'],
  not_admit: ['不予受理', 'Not admitted'],
  withdraw: ['已撤回', 'Withdrawn'],
};

/** Staff console wording for the actions staff take. */
export const STAFF_ACTION_LABELS: Record<string, readonly [string, string]> = {
  assign: ['分派', 'Assign'],
  request_material: ['要求补充材料', 'Request material'],
  mark_material_complete: ['材料齐全', 'Material complete'],
  start_investigation: ['开始调查', 'Start investigation'],
  not_admit: ['不予受理', 'Not admit'],
  withdraw: ['撤回', 'Withdraw'],
};

export function label(labels: Record<string, readonly [string, string]>, key: string, lang: Lang): string {
  const pair = labels[key];
  return pair ? pair[lang === 'en' ? 1 : 0] : key;
}
