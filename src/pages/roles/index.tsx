import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import type { PersonView, RoleChangeView, StaffView } from '../../core/role/api';
import { ASSIGNABLE_ROLES, type AssignableRole } from '../../core/role/types';
import { ROLE_LABELS } from '../../core/auth/types';
import { currentEstateName, useSession } from '../../hooks/useSession';
import { type ApiState, useApi } from '../../hooks/useApi';
import { type PagedList, usePagedList } from '../../hooks/usePagedList';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import ListStatus from '../../components/ListStatus';
import ChoiceButton from '../../components/ChoiceButton';
import { ErrorNote, OkNote } from '../../components/Notes';
import './index.css';

type Assignable = AssignableRole;
const CHOICES: readonly Assignable[] = ASSIGNABLE_ROLES;

const label = (role: string) => ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role;
const formatTime = (ms: number) => dayjs(ms).locale('zh-cn').format('YYYY年M月D日 HH:mm');

/** A staff member's flags in words: 党员、主任; '' when none. */
const flagsOf = (s: { partyMember: boolean; chair: boolean }) => [s.partyMember ? '党员' : '', s.chair ? '主任' : ''].filter(Boolean).join('、');

export default function Roles() {
  const session = useSession();
  return (
    <PageShell title='角色管理' query={session}>
      {(login) => {
        const estateId = login.user.currentEstateId;
        return estateId && session.can('role.assign', { estateId }) ? (
          <View>
            <Text className='linli-text-2 roles-estate'>小区：{currentEstateName(login) ?? '当前小区'}。</Text>
            <RolesBody mayRevoke={(userId) => session.can('role.revoke', { estateId, ownerId: userId })} />
          </View>
        ) : (
          <View className='linli-card'>
            <Text className='linli-text'>只有本小区的社区工作人员可以管理角色。</Text>
          </View>
        );
      }}
    </PageShell>
  );
}

function RolesBody({ mayRevoke }: { mayRevoke: (userId: string) => boolean }) {
  const staff = useApi(() => api.role.list({}));
  const people = usePagedList((cursor) => api.role.people({ cursor }));
  const history = usePagedList((cursor) => api.role.history({ cursor }));
  const [done, setDone] = useState<string | null>(null);

  const reloadAll = () => {
    void staff.reload();
    void people.reload();
    void history.reload();
  };
  useDidShow(() => void staff.reload());

  const onChanged = (message: string) => {
    setDone(message);
    reloadAll();
  };

  return (
    <View>
      {done ? (
        <OkNote>
          <Text className='roles-done'>{done}</Text>
        </OkNote>
      ) : null}
      <StaffSection state={staff} mayRevoke={mayRevoke} onChanged={onChanged} onAct={() => setDone(null)} />
      <GrantSection list={people} onChanged={onChanged} onAct={() => setDone(null)} />
      <HistorySection list={history} />
    </View>
  );
}

/** 现有工作人员: role.list, each with 收回. */
function StaffSection({ state, mayRevoke, onChanged, onAct }: { state: ApiState<StaffView[]>; mayRevoke: (userId: string) => boolean; onChanged: (message: string) => void; onAct: () => void }) {
  return (
    <View className='linli-card roles-staff'>
      <Text className='linli-section-title'>现有工作人员</Text>
      <ErrorNote error={state.error} prefix='没能列出工作人员：' />
      {state.error ? (
        <Button className='linli-button' size='xlarge' block onClick={() => void state.reload()}>
          重试
        </Button>
      ) : null}
      {!state.data && !state.error ? <Text className='linli-text-2'>正在加载，请稍候…</Text> : null}
      {state.data && state.data.length === 0 ? <Text className='linli-text-2 roles-staff-empty'>还没有工作人员。</Text> : null}
      {state.data?.map((s) => (
        <StaffRow key={`${s.userId}:${s.role}`} staff={s} revocable={mayRevoke(s.userId) && (CHOICES as string[]).includes(s.role)} onChanged={onChanged} onAct={onAct} />
      ))}
    </View>
  );
}

function StaffRow({ staff: s, revocable, onChanged, onAct }: { staff: StaffView; revocable: boolean; onChanged: (message: string) => void; onAct: () => void }) {
  const { busy, error, run } = useSubmit();
  const flags = flagsOf(s);

  const revoke = async () => {
    if (busy || !revocable) return;
    onAct();
    await run(
      async () => {
        await api.role.revoke({ userId: s.userId, role: s.role as Assignable });
        onChanged(`已收回：${s.name} 的 ${label(s.role)} 角色`);
      },
      { keepBusy: true },
    );
  };

  return (
    <View className='linli-row roles-staff-row'>
      <Text className='linli-row-title'>{s.name}</Text>
      <Text className='linli-text'>角色：{label(s.role)}</Text>
      {flags ? <Text className='linli-text-2 roles-flags'>{flags}</Text> : null}
      <Text className='linli-text-2'>授予时间：{formatTime(s.grantedAt)}</Text>
      <ErrorNote error={error} prefix='没能收回：' />
      {revocable ? (
        <Button className='linli-button roles-revoke' size='xlarge' block disabled={busy} onClick={() => void revoke()}>
          {busy ? '正在收回…' : `收回${label(s.role)}角色`}
        </Button>
      ) : null}
    </View>
  );
}

/** 授予角色: role.people; tapping a person opens the choices in place. */
function GrantSection({ list, onChanged, onAct }: { list: PagedList<PersonView>; onChanged: (message: string) => void; onAct: () => void }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <View className='linli-card roles-grant'>
      <Text className='linli-section-title'>授予角色</Text>
      <Text className='linli-text-2'>点一位已认证的居民，再选要授予的角色。</Text>
      <ListStatus list={list} errorPrefix='没能列出居民：' emptyText='还没有已认证的居民' />
      {list.items.map((p) => (
        <PersonRow
          key={p.userId}
          person={p}
          open={open === p.userId}
          onOpen={() => {
            onAct();
            setOpen(p.userId);
          }}
          onClose={() => setOpen(null)}
          onGranted={(message) => {
            setOpen(null);
            onChanged(message);
          }}
        />
      ))}
      {list.nextCursor ? (
        <Button className='linli-button' size='xlarge' block disabled={list.loading} onClick={() => void list.loadMore()}>
          {list.loading ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}

interface PersonRowProps {
  person: PersonView;
  open: boolean;
  onOpen: () => void;
  onClose: () => void;
  onGranted: (message: string) => void;
}

function PersonRow({ person: p, open, onOpen, onClose, onGranted }: PersonRowProps) {
  const [role, setRole] = useState<Assignable | null>(null);
  const [partyMember, setPartyMember] = useState(false);
  const [chair, setChair] = useState(false);
  const { busy, error, setError, run } = useSubmit();
  const current = p.roles.length ? p.roles.map(label).join('、') : '暂无';

  const choose = (r: Assignable) => {
    setRole(r);
    setError(null);
  };

  const close = () => {
    setRole(null);
    setPartyMember(false);
    setChair(false);
    setError(null);
    onClose();
  };

  const grant = async () => {
    if (busy || !role) return;
    const payload = {
      userId: p.userId,
      role,
      ...(role === 'volunteer' ? { partyMember } : {}),
      ...(role === 'committee' ? { chair } : {}),
    };
    await run(async () => {
      const s = await api.role.assign(payload);
      const flags = flagsOf(s);
      setRole(null);
      setPartyMember(false);
      setChair(false);
      onGranted(`已授予：${p.realName} ${label(s.role)}${flags ? `（${flags}）` : ''}`);
    });
  };

  return (
    <View className='linli-row roles-person'>
      <Button className='linli-button linli-button--tall roles-person-open' type={open ? 'primary' : 'default'} size='xlarge' block disabled={busy} onClick={open ? close : onOpen}>
        <View className='linli-button-lines'>
          <Text className='linli-button-main'>
            {p.realName}
            {open ? '（收起）' : ''}
          </Text>
          <Text className='linli-button-sub'>
            {p.home} · 现有角色：{current}
          </Text>
        </View>
      </Button>
      {open ? (
        <View className='roles-person-choices'>
          <Text className='linli-label'>授予 {p.realName} 什么角色？</Text>
          <View className='linli-choices'>
            {CHOICES.map((r) => (
              <ChoiceButton key={r} selected={role === r} onClick={() => choose(r)}>
                {label(r)}
              </ChoiceButton>
            ))}
          </View>
          {role === 'volunteer' ? (
            <View>
              <Text className='linli-label roles-toggle-label'>是否党员</Text>
              <View className='linli-choices'>
                <ChoiceButton selected={partyMember} onClick={() => setPartyMember(true)}>
                  党员
                </ChoiceButton>
                <ChoiceButton selected={!partyMember} onClick={() => setPartyMember(false)}>
                  不是党员
                </ChoiceButton>
              </View>
            </View>
          ) : null}
          {role === 'committee' ? (
            <View>
              <Text className='linli-label roles-toggle-label'>是否业委会主任</Text>
              <View className='linli-choices'>
                <ChoiceButton selected={chair} onClick={() => setChair(true)}>
                  主任
                </ChoiceButton>
                <ChoiceButton selected={!chair} onClick={() => setChair(false)}>
                  不是主任
                </ChoiceButton>
              </View>
            </View>
          ) : null}
          <ErrorNote error={error} prefix='没能授予：' />
          <View className='linli-actions'>
            <Button className='linli-button roles-confirm' type='primary' size='xlarge' disabled={busy || !role} onClick={() => void grant()}>
              {busy ? '正在授予…' : '确认授予'}
            </Button>
            <Button className='linli-button' size='xlarge' disabled={busy} onClick={close}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** 变更记录: role.history, newest first. */
function HistorySection({ list }: { list: PagedList<RoleChangeView> }) {
  return (
    <View className='linli-card roles-history'>
      <Text className='linli-section-title'>变更记录</Text>
      <ListStatus list={list} errorPrefix='没能列出变更记录：' emptyText='还没有变更记录' />
      {list.items.map((h) => (
        <View key={h.id} className='linli-row roles-history-row'>
          <Text className='linli-text-2'>{formatTime(h.at)}</Text>
          <Text className='linli-text roles-history-line'>
            {h.byName} {h.change === 'grant' ? '授予' : '收回'} {h.userName} {label(h.role)}
          </Text>
        </View>
      ))}
      {list.nextCursor ? (
        <Button className='linli-button' size='xlarge' block disabled={list.loading} onClick={() => void list.loadMore()}>
          {list.loading ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}
