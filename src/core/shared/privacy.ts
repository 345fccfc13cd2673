/**
 * Masks for personal data shown to people who have no need for it (DESIGN.md, privacy):
 * 张三 → 张*, 13812341234 → 138****1234, 3栋2单元501 → 3栋.
 */
export const maskName = (name: string): string => {
  const chars = Array.from(name.trim());
  return chars.length === 0 ? '' : `${chars[0]}*`;
};

export const maskPhone = (phone: string): string => {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
};

export const homeLabel = (h: { building: string; unit: string; room: string }): string => `${h.building}栋${h.unit}单元${h.room}`;
export const buildingLabel = (h: { building: string }): string => `${h.building}栋`;

/** Phone and ID numbers typed into public text (a wish, a request) are masked before it is shown. */
export const maskContactsInText = (text: string): string =>
  text
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
    .replace(/(?<![\dXx])(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])/g, '$1********$2');
