import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import type { NotificationPrefs } from '../../core/inbox/api';
import { useApi } from '../../hooks/useApi';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import { ErrorNote } from '../../components/Notes';
import { NOTIFY_KINDS } from './kinds';
import './index.css';

export default function NotifySettings() {
  const prefs = useApi(() => api.inbox.prefs({}));
  return (
    <PageShell title='通知设置' query={prefs}>
      {(p) => <Settings initial={p} />}
    </PageShell>
  );
}

function Settings({ initial }: { initial: NotificationPrefs }) {
  const [prefs, setPrefs] = useState(initial);
  const { busy, error, run } = useSubmit();
  /** The kind being changed, while busy. */
  const [changing, setChanging] = useState<string | null>(null);

  const toggle = async (kind: string) => {
    if (busy) return;
    const muted = prefs.muted.includes(kind) ? prefs.muted.filter((k) => k !== kind) : [...prefs.muted, kind];
    setChanging(kind);
    await run(async () => setPrefs(await api.inbox.setPrefs({ muted })));
    setChanging(null);
  };

  return (
    <View>
      <View className='linli-card'>
        <Text className='linli-text'>所有通知都会放在“我的消息”里。这里设置的是：哪些通知还要用微信服务通知提醒您。</Text>
      </View>
      <ErrorNote error={error} prefix='没能保存设置：' />
      {NOTIFY_KINDS.map(({ kind, label, hint }) => {
        const on = !prefs.muted.includes(kind);
        return (
          <View key={kind} className='linli-card notify-kind'>
            <Text className='linli-row-title'>{label}</Text>
            <Text className='linli-text-2'>{hint}</Text>
            <Text className={`notify-state${on ? ' notify-state--on' : ''}`}>微信提醒：{on ? '开' : '关'}</Text>
            <Button className='linli-button' size='xlarge' block disabled={busy} onClick={() => void toggle(kind)}>
              {busy && changing === kind ? '正在保存…' : on ? `关闭“${label}”的微信提醒` : `打开“${label}”的微信提醒`}
            </Button>
          </View>
        );
      })}
    </View>
  );
}
