/**
 * Contacts reduced to the form lookups compare: a phone as its digits without the +86 country code,
 * an email lower-cased. "+86 138-0013-8000" and "13800138000" are the same customer.
 */
export interface ContactKeys {
  readonly phone?: string;
  readonly email?: string;
}

export function phoneKey(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function contactKeysOf(claimant: {
  phone?: string | undefined;
  email?: string | undefined;
}): ContactKeys {
  return {
    ...(claimant.phone !== undefined ? { phone: phoneKey(claimant.phone) } : {}),
    ...(claimant.email !== undefined ? { email: emailKey(claimant.email) } : {}),
  };
}

export function sameContact(a: ContactKeys, b: ContactKeys): boolean {
  return (a.phone !== undefined && a.phone === b.phone) || (a.email !== undefined && a.email === b.email);
}

/** Product names compared for the "same kind" rule: case and spacing do not make a different product. */
export function productKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}
