import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import { isH5 } from '../../api/dev';
import type { LoginResult } from '../../core/auth/api';
import type { BindingView } from '../../core/binding/api';
import { RELATION_LABELS, nextBindingStatus } from '../../core/binding/types';
import { type ApiState, useApi } from '../../hooks/useApi';
import { type SessionState, currentEstateName, useSession } from '../../hooks/useSession';
import { useSubmit } from '../../hooks/useSubmit';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import PageShell from '../../components/PageShell';
import RoleList from '../../components/RoleList';
import BindingStatus from '../../components/BindingStatus';
import EstatePicker from '../../components/EstatePicker';
import WishEntries from '../../components/WishEntries';
import RequestEntries from '../../components/RequestEntries';
import { ErrorNote } from '../../components/Notes';
import './index.css';

const go = (url: string) => () => void Taro.navigateTo({ url });
const toDevLogin = go('/pages/devlogin/index');

export default function Me() {
  const session = useSession();
  const bindings = useApi(() => api.binding.mine({}), [], { auto: false });
  useDidShow(() => void bindings.reload());
  const unread = useUnreadBadge();

  const switchUser = isH5() ? (
    <Button className='linli-button' size='xlarge' block onClick={toDevLogin}>
      切换演示用户
    </Button>
  ) : null;

  return (
    <PageShell title='我的' query={session} errorExtra={switchUser}>
      {(login) => (
        <View>
          <View className='linli-card'>
            <Text className='linli-big me-name'>{login.user.name}</Text>
            <Text className='linli-text-2'>
              {dayjs(login.user.createdAt).locale('zh-cn').format('YYYY年M月D日')} 加入邻里
            </Text>
          </View>

          <View className='linli-card'>
            <Text className='linli-section-title'>消息与通知</Text>
            <Button className='linli-button me-inbox' type={unread ? 'primary' : 'default'} size='xlarge' block onClick={go('/pages/inbox/index')}>
              {unread === null ? '我的消息' : unread > 0 ? `我的消息（${unread}条未读）` : '我的消息（没有未读）'}
            </Button>
            <Button className='linli-button' size='xlarge' block onClick={go('/pages/notify-settings/index')}>
              通知设置
            </Button>
          </View>

          <EstateCard login={login} session={session} onSwitched={() => void bindings.reload()} />

          <View className='linli-card'>
            <Text className='linli-section-title'>我的房屋</Text>
            <Bindings state={bindings} session={session} />
            <Button className='linli-button' type='primary' size='xlarge' block onClick={go('/pages/bind/index')}>
              申请绑定房屋
            </Button>
          </View>

          <View className='linli-card'>
            <Text className='linli-section-title'>我的身份</Text>
            <RoleList roles={login.roles} estateId={login.user.currentEstateId} />
          </View>

          <WishEntries title='心愿与积分' can={session.can} estateId={login.user.currentEstateId} admin />
          <RequestEntries can={session.can} estateId={login.user.currentEstateId} />
          <StaffEntries session={session} />
          {switchUser}
        </View>
      )}
    </PageShell>
  );
}

/** The estate the user acts in, and a way to act in another one (no pop-up: it opens in place). */
function EstateCard({ login, session, onSwitched }: { login: LoginResult; session: SessionState; onSwitched: () => void }) {
  const [open, setOpen] = useState(false);
  const { busy, error, run } = useSubmit();
  /** The estate being switched to, while busy. */
  const [target, setTarget] = useState<string | null>(null);
  const currentId = login.user.currentEstateId;
  const name = currentEstateName(login);
  const others = login.estates.filter((e) => e.id !== currentId);

  const switchTo = async (estateId: string) => {
    if (busy) return;
    setTarget(estateId);
    await run(async () => {
      await session.switchEstate(estateId);
      setOpen(false);
      onSwitched();
    });
  };

  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>当前小区</Text>
      <Text className='linli-big me-estate'>{name ?? (currentId ? '（小区名称未知）' : '还没有选择小区')}</Text>
      <ErrorNote error={error} prefix='没能切换小区：' />
      {others.length > 0 ? <Text className='linli-label me-switch-label'>切换小区</Text> : null}
      {others.map((e) => (
        <Button key={e.id} className='linli-button' size='xlarge' block disabled={busy} onClick={() => void switchTo(e.id)}>
          {busy && target === e.id ? '正在切换…' : `切换到：${e.name}`}
        </Button>
      ))}
      {open ? (
        <View className='me-join'>
          <Text className='linli-label'>选择要加入的小区</Text>
          <EstatePicker
            verb='加入'
            exclude={login.estates.map((e) => e.id)}
            onPick={async (e) => {
              await session.switchEstate(e.id);
              setOpen(false);
              onSwitched();
            }}
          />
          <Button className='linli-button' size='xlarge' block onClick={() => setOpen(false)}>
            收起
          </Button>
        </View>
      ) : (
        <Button className='linli-button' size='xlarge' block onClick={() => setOpen(true)}>
          {currentId ? '加入其他小区' : '选择小区'}
        </Button>
      )}
    </View>
  );
}

/** binding.mine: each home with the relation and the state in words. */
function Bindings({ state, session }: { state: ApiState<BindingView[]>; session: SessionState }) {
  if (state.error) {
    return (
      <View>
        <ErrorNote error={state.error} prefix='没能列出房屋：' />
        <Button className='linli-button' size='xlarge' block onClick={() => void state.reload()}>
          重试
        </Button>
      </View>
    );
  }
  if (!state.data) return <Text className='linli-text-2 me-bindings-empty'>正在加载，请稍候…</Text>;
  if (state.data.length === 0) {
    return <Text className='linli-text-2 me-bindings-empty'>您还没有绑定房屋。绑定并通过审核后，就能发布心愿、参加议事。</Text>;
  }
  // Say which estate a home is in when it is not (only) the current one.
  const currentId = session.data?.user.currentEstateId ?? null;
  const showEstate = state.data.some((b) => b.estateId !== currentId);
  return (
    <View className='me-bindings'>
      {state.data.map((b) => (
        <BindingRow key={b.id} binding={b} showEstate={showEstate} session={session} onChanged={() => void state.reload()} />
      ))}
    </View>
  );
}

function BindingRow({ binding: b, showEstate, session, onChanged }: { binding: BindingView; showEstate: boolean; session: SessionState; onChanged: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useSubmit();
  // binding.mine lists the caller's own bindings only: the caller is their applicant.
  const mayWithdraw =
    nextBindingStatus(b.status, 'withdraw') !== null && session.actor !== null && session.can('binding.withdraw', { estateId: b.estateId, ownerId: session.actor.userId });

  const withdraw = async () => {
    await run(async () => {
      await api.binding.withdraw({ bindingId: b.id });
      setConfirming(false);
      onChanged();
    });
  };

  return (
    <View className='linli-row me-binding'>
      <Text className='linli-row-title'>{b.homeLabel}</Text>
      <Text className='linli-text-2'>
        {showEstate ? `${b.estateName} · ` : ''}
        {RELATION_LABELS[b.relation] ?? b.relation} · {b.realName}
      </Text>
      <BindingStatus status={b.status} reason={b.reason} />
      <ErrorNote error={error} prefix='没能撤回：' />
      {mayWithdraw && !confirming ? (
        <Button className='linli-button me-withdraw' size='xlarge' block onClick={() => setConfirming(true)}>
          撤回申请
        </Button>
      ) : null}
      {mayWithdraw && confirming ? (
        <View>
          <Text className='linli-text'>确定要撤回这个申请吗？撤回后可以重新申请。</Text>
          <View className='linli-actions'>
            <Button className='linli-button' type='primary' size='xlarge' disabled={busy} onClick={() => void withdraw()}>
              {busy ? '正在撤回…' : '确定撤回'}
            </Button>
            <Button className='linli-button' size='xlarge' disabled={busy} onClick={() => setConfirming(false)}>
              不撤回
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** Entries for estate staff, shown only where the permission rules allow. */
function StaffEntries({ session }: { session: SessionState }) {
  const review = session.can('binding.pending');
  const setup = session.can('estate.importHomes');
  const estateId = session.data?.user.currentEstateId;
  const roles = estateId ? session.can('role.assign', { estateId }) : false;
  if (!review && !setup && !roles) return null;
  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>小区工作</Text>
      {review ? (
        <Button className='linli-button' size='xlarge' block onClick={go('/pages/binding-review/index')}>
          审核绑定申请
        </Button>
      ) : null}
      {setup ? (
        <Button className='linli-button' size='xlarge' block onClick={go('/pages/estate-setup/index')}>
          小区设置
        </Button>
      ) : null}
      {roles ? (
        <Button className='linli-button' size='xlarge' block onClick={go('/pages/roles/index')}>
          角色管理
        </Button>
      ) : null}
    </View>
  );
}
