/**
 * The notification drivers: the subscribe-message sender over the CloudBase SDK's WeChat
 * open-API call, and the template configuration (config/subscribe-templates.json, with ids
 * overridable per environment by LINLI_SUBSCRIBE_TEMPLATES='{"noticePublished":"<id>"}').
 */
import type { SubscribeMessage, SubscribeSender } from '../src/core/shared/ports';
import type { TemplateConfig, Templates } from '../src/core/inbox/types';
import templateFile from '../config/subscribe-templates.json';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type App = any;

/**
 * `callWxOpenApi` sends action `wx.api`; the body is subscribeMessage.send's. WeChat answers
 * errcode 0 on success; anything else (43101: the user withdrew consent, …) is a failure that
 * the dispatcher records and the timer retries.
 */
export function cloudbaseSender(app: App): SubscribeSender {
  return {
    async send(m: SubscribeMessage) {
      const res = await app.callWxOpenApi({
        apiName: 'subscribeMessage.send',
        requestData: { touser: m.openid, template_id: m.templateId, page: m.page, data: m.data, miniprogram_state: process.env.LINLI_MINIPROGRAM_STATE || 'formal', lang: 'zh_CN' },
      });
      if (res?.code) throw new Error(`${res.code}: ${res.message ?? ''}`);
      const errcode = res?.result?.errcode;
      if (errcode) throw new Error(`errcode ${errcode}: ${res.result.errmsg ?? ''}`);
    },
  };
}

export function loadTemplates(env: string | undefined = process.env.LINLI_SUBSCRIBE_TEMPLATES): Templates {
  let ids: Record<string, string> = {};
  try {
    ids = env ? JSON.parse(env) : {};
  } catch {
    console.error('LINLI_SUBSCRIBE_TEMPLATES is not JSON; using the template ids of config/subscribe-templates.json');
  }
  const templates: Templates = {};
  for (const [key, t] of Object.entries(templateFile as Record<string, unknown>)) {
    if (key.startsWith('//') || typeof t !== 'object' || t === null) continue;
    const config = t as TemplateConfig;
    templates[key] = { ...config, templateId: ids[key] ?? config.templateId };
  }
  return templates;
}
