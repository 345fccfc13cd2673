/**
 * WeChat subscribe messages (订阅消息): asked for at the tap that makes them useful (发布, 提交申请),
 * weapp only. The template ids come from the build (LINLI_SUBSCRIBE_TEMPLATES, JSON by template
 * key); the keys the user accepts are recorded with inbox.grant. Nothing here ever stops the
 * action the user tapped: any failure is ignored.
 */
import Taro from '@tarojs/taro';
import { api } from './client';

/** The template keys asked for at each tap; keys without a configured template id are skipped. */
export const SUBSCRIBE_AT = {
  /** A reader asking to be reminded of the next new notice (one grant, one reminder). */
  noticeRemind: ['noticePublished'],
  /** A resident applying to bind a home: told when it is reviewed. */
  bindApply: ['bindingReviewed'],
  /** A resident posting a wish: told when it is claimed, fulfilled, reviewed. */
  wishPost: ['wishUpdated'],
  /** A volunteer claiming a wish: told when the author confirms (and the points arrive). */
  wishClaim: ['wishUpdated', 'pointsChanged'],
  /** A volunteer redeeming a reward: told when it is ready or cancelled. */
  redeem: ['pointsChanged'],
  /** A resident submitting a request: told when it is taken up, and when it is resolved. */
  requestSubmit: ['requestUpdated'],
} as const;

export type SubscribeTap = keyof typeof SUBSCRIBE_AT;

/** WeChat takes at most three templates in one request. */
const MAX_TEMPLATES = 3;

/** The configured template ids by key; {} when none or not valid JSON. */
export function subscribeTemplates(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(typeof LINLI_SUBSCRIBE_TEMPLATES === 'string' ? LINLI_SUBSCRIBE_TEMPLATES : '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].length > 0));
  } catch {
    return {};
  }
}

/**
 * Asks for the subscribe messages of one tap and records the accepted ones. Call it first thing
 * in the tap handler (WeChat refuses the request after an await), and await it before acting:
 * it resolves once the user has answered, and never throws.
 */
export async function requestSubscribe(tap: SubscribeTap): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  try {
    const templates = subscribeTemplates();
    const keys = SUBSCRIBE_AT[tap].filter((k) => templates[k]).slice(0, MAX_TEMPLATES);
    if (keys.length === 0) return;
    const res = (await Taro.requestSubscribeMessage({ tmplIds: keys.map((k) => templates[k]) } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>;
    const accepted = keys.filter((k) => res[templates[k]] === 'accept');
    if (accepted.length) void api.inbox.grant({ templateKeys: accepted }).catch(() => undefined);
  } catch {
    // Refused, not supported, or no network: the inbox still has every notification.
  }
}
