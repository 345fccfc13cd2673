/**
 * The ContentCheck port over WeChat's text check (`security.msgSecCheck`, version 2), called
 * through the CloudBase SDK's open-API channel as the caller's mini-program. WeChat answers
 * `result.suggest`: pass, review (a person should look) or risky. The local cloud answers the
 * same call from a word list (localcloud/content-words.json).
 */
import type { ContentCheck } from '../src/core/shared/ports';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type App = any;

/** WeChat checks at most 2,500 characters at once. */
const MAX_CHARS = 2500;
/** 论坛 (3): posts that others in the estate read. */
const SCENE_FORUM = 3;

export function cloudbaseContentCheck(app: App): ContentCheck {
  return {
    async check(text, openid) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += MAX_CHARS) chunks.push(text.slice(i, i + MAX_CHARS));
      let verdict: 'pass' | 'review' | 'reject' = 'pass';
      for (const content of chunks) {
        let suggest: unknown;
        try {
          const res = await app.callWxOpenApi({
            apiName: 'security.msgSecCheck',
            requestData: { content, version: 2, scene: SCENE_FORUM, ...(openid ? { openid } : {}) },
          });
          if (res?.code || res?.result?.errcode) throw new Error(String(res?.code ?? res?.result?.errcode));
          suggest = res?.result?.result?.suggest;
        } catch (e) {
          // The check could not be made: a person looks at it rather than nobody.
          console.error('[contentCheck]', e);
          suggest = 'review';
        }
        if (suggest === 'risky') return 'reject';
        if (suggest !== 'pass') verdict = 'review';
      }
      return verdict;
    },
  };
}
