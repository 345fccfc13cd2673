import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import type { EntryView, RedemptionView, RewardView, VolunteerView } from '../../core/points/api';
import { type ApiState, useApi } from '../../hooks/useApi';
import { type PagedList, usePagedList } from '../../hooks/usePagedList';
import { currentEstateName, useSession } from '../../hooks/useSession';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import ListStatus from '../../components/ListStatus';
import ReasonField from '../../components/ReasonField';
import TextField from '../../components/TextField';
import ChoiceButton from '../../components/ChoiceButton';
import { ErrorNote, OkNote } from '../../components/Notes';
import { ApiStatus, EntryRow, NoEstate, formatTime, signed, wholeNumber } from '../points/parts';
import './index.css';

const WISH_REVIEW = '/pages/wish-review/index';
const REASON_MAX = 100;

/** 心愿审核: back to it when we came from there, else open it. */
function toWishReview() {
  const pages = Taro.getCurrentPages();
  const previous = pages.length > 1 ? pages[pages.length - 2] : undefined;
  if (previous?.route && previous.route.includes(WISH_REVIEW.slice(1))) void Taro.navigateBack();
  else void Taro.navigateTo({ url: WISH_REVIEW });
}

export default function PointsAdmin() {
  const session = useSession();
  return (
    <PageShell title='积分管理' query={session}>
      {(login) => {
        const estateId = login.user.currentEstateId;
        if (!estateId) return <NoEstate what='积分管理' />;
        return session.can('points.volunteers', { estateId }) ? (
          <View>
            <Text className='linli-text-2 padmin-estate'>小区：{currentEstateName(login) ?? '当前小区'}。</Text>
            <AdminBody
              estateId={estateId}
              mayCredit={(userId) => session.can('points.credit', { estateId, ownerId: userId })}
              mayReverse={(userId) => session.can('points.reverse', { estateId, ownerId: userId })}
            />
          </View>
        ) : (
          <View className='linli-card'>
            <Text className='linli-text padmin-denied'>只有本小区的党支部、社区工作人员可以管理志愿积分和先锋银行的礼品。</Text>
          </View>
        );
      }}
    </PageShell>
  );
}

interface AdminBodyProps {
  estateId: string;
  mayCredit: (userId: string) => boolean;
  mayReverse: (userId: string) => boolean;
}

function AdminBody({ estateId, mayCredit, mayReverse }: AdminBodyProps) {
  const queue = usePagedList((cursor) => api.points.redemptions({ status: 'requested', cursor }), [estateId]);
  const volunteers = useApi(() => api.points.volunteers({}), [estateId]);
  const rewards = useApi(() => api.points.rewards({}), [estateId]);
  useDidShow(() => {
    void queue.reload();
    void volunteers.reload();
    void rewards.reload();
  });

  return (
    <View>
      <Button className='linli-button padmin-wish-review' size='xlarge' block onClick={toWishReview}>
        去心愿审核
      </Button>
      <QueueSection
        list={queue}
        onChanged={() => {
          void queue.reload();
          // A cancelled redemption gives the points and the stock back.
          void volunteers.reload();
          void rewards.reload();
        }}
      />
      <VolunteersSection state={volunteers} mayCredit={mayCredit} mayReverse={mayReverse} />
      <WishPointsSection state={volunteers} />
      <CatalogueSection state={rewards} />
    </View>
  );
}

/* ---------- a. 待领取的兑换 ---------- */

function QueueSection({ list, onChanged }: { list: PagedList<RedemptionView>; onChanged: () => void }) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <View className='linli-card padmin-queue'>
      <Text className='linli-section-title'>待领取的兑换</Text>
      <Text className='linli-text-2 padmin-hint'>最早的在前。把礼品交给志愿者后，点“已交给志愿者”。</Text>
      {done ? (
        <OkNote>
          <Text className='padmin-done'>{done}</Text>
        </OkNote>
      ) : null}
      <ListStatus list={list} errorPrefix='没能列出兑换：' emptyText='没有待领取的兑换' />
      {list.items.map((d) => (
        <RedemptionRow
          key={d.id}
          redemption={d}
          onAct={() => setDone(null)}
          onDone={(message) => {
            setDone(message);
            onChanged();
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

function RedemptionRow({ redemption: d, onAct, onDone }: { redemption: RedemptionView; onAct: () => void; onDone: (message: string) => void }) {
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useSubmit();

  const handOver = async () => {
    if (busy) return;
    onAct();
    // On success the row leaves the list: its buttons stay disabled until then.
    await run(
      async () => {
        await api.points.handOver({ redemptionId: d.id });
        onDone(`已交给志愿者：${d.userName} 的“${d.rewardName}”`);
      },
      { keepBusy: true },
    );
  };

  const cancel = async () => {
    if (busy) return;
    const why = reason.trim();
    if (why.length < 2) {
      setError(new ApiError('INVALID_INPUT', '请写明取消原因（至少两个字），志愿者会看到'));
      return;
    }
    onAct();
    await run(
      async () => {
        await api.points.cancelRedemption({ redemptionId: d.id, reason: why });
        onDone(`已取消：${d.userName} 的“${d.rewardName}”，${d.price} 积分已退回，库存已恢复。`);
      },
      { keepBusy: true },
    );
  };

  return (
    <View className='linli-row padmin-redemption'>
      <Text className='linli-row-title'>{d.userName}</Text>
      <Text className='linli-text'>礼品：{d.rewardName}</Text>
      <Text className='linli-text'>用了 {d.price} 积分</Text>
      <Text className='linli-text-2'>兑换时间：{formatTime(d.createdAt)}</Text>
      <ErrorNote error={error} prefix='没能完成：' />
      {cancelling ? (
        <View className='points-form'>
          <Text className='linli-text points-note'>
            取消后，{d.price} 积分将退回给{d.userName}，“{d.rewardName}”的库存将恢复。
          </Text>
          <ReasonField
            label='取消原因（志愿者会看到）'
            placeholder='请写明为什么取消这次兑换'
            maxlength={REASON_MAX}
            value={reason}
            onChange={setReason}
            onClearError={() => setError(null)}
            busy={busy}
            confirmText='确认取消'
            busyText='正在取消…'
            onConfirm={() => void cancel()}
            cancelText='不取消'
            onCancel={() => {
              setCancelling(false);
              setError(null);
            }}
          />
        </View>
      ) : (
        <View className='linli-actions'>
          <Button className='linli-button padmin-handover' type='primary' size='xlarge' disabled={busy} onClick={() => void handOver()}>
            {busy ? '正在提交…' : '已交给志愿者'}
          </Button>
          <Button
            className='linli-button padmin-cancel'
            size='xlarge'
            disabled={busy}
            onClick={() => {
              setError(null);
              setCancelling(true);
            }}
          >
            取消兑换
          </Button>
        </View>
      )}
    </View>
  );
}

/* ---------- b. 志愿者积分 ---------- */

type VolunteersReply = { wishPoints: number; items: VolunteerView[] };

interface VolunteersSectionProps {
  state: ApiState<VolunteersReply>;
  mayCredit: (userId: string) => boolean;
  mayReverse: (userId: string) => boolean;
}

function VolunteersSection({ state, mayCredit, mayReverse }: VolunteersSectionProps) {
  const items = state.data?.items ?? null;
  return (
    <View className='linli-card padmin-volunteers'>
      <Text className='linli-section-title'>志愿者积分</Text>
      <Text className='linli-text-2 padmin-hint'>为线下志愿服务记积分，或查看、冲正一位志愿者的积分明细。</Text>
      <ApiStatus state={state} errorPrefix='没能列出志愿者：' />
      {items && items.length === 0 ? <Text className='linli-text linli-empty'>本小区还没有志愿者</Text> : null}
      {items?.map((v) => (
        <VolunteerRow key={v.userId} volunteer={v} mayCredit={mayCredit(v.userId)} mayReverse={mayReverse(v.userId)} onChanged={() => void state.reload()} />
      ))}
    </View>
  );
}

interface VolunteerRowProps {
  volunteer: VolunteerView;
  mayCredit: boolean;
  mayReverse: boolean;
  onChanged: () => void;
}

function VolunteerRow({ volunteer: v, mayCredit, mayReverse, onChanged }: VolunteerRowProps) {
  const [crediting, setCrediting] = useState(false);
  const [showLedger, setShowLedger] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const ledger = usePagedList(
    async (cursor) => {
      const r = await api.points.ledger({ userId: v.userId, cursor });
      return { items: r.entries, nextCursor: r.nextCursor };
    },
    [v.userId],
    { enabled: showLedger },
  );

  const changed = (message: string) => {
    setDone(message);
    onChanged();
    if (showLedger) void ledger.reload();
  };

  return (
    <View className='linli-row padmin-volunteer'>
      <Text className='linli-row-title'>{v.name}</Text>
      {v.partyMember ? (
        <View className='points-tags'>
          <Text className='points-tag points-tag--party'>党员</Text>
        </View>
      ) : null}
      <Text className='linli-text'>积分余额 {v.balance}</Text>
      <Text className='linli-text-2'>完成心愿 {v.wishesFulfilled} 个</Text>
      {done ? (
        <OkNote>
          <Text className='padmin-done'>{done}</Text>
        </OkNote>
      ) : null}
      <View className='linli-actions'>
        {mayCredit && !crediting ? (
          <Button
            className='linli-button padmin-credit'
            size='xlarge'
            onClick={() => {
              setDone(null);
              setCrediting(true);
            }}
          >
            记积分
          </Button>
        ) : null}
        <Button className='linli-button padmin-ledger' type={showLedger ? 'primary' : 'default'} size='xlarge' onClick={() => setShowLedger(!showLedger)}>
          {showLedger ? '收起明细' : '明细'}
        </Button>
      </View>
      {crediting ? <CreditForm volunteer={v} onClose={() => setCrediting(false)} onDone={(m) => { setCrediting(false); changed(m); }} /> : null}
      {showLedger ? <VolunteerLedger volunteer={v} list={ledger} mayReverse={mayReverse} onAct={() => setDone(null)} onDone={changed} /> : null}
    </View>
  );
}

function CreditForm({ volunteer: v, onClose, onDone }: { volunteer: VolunteerView; onClose: () => void; onDone: (message: string) => void }) {
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useSubmit();

  const credit = async () => {
    if (busy) return;
    const amount = wholeNumber(amountText);
    if (amount === null || amount < 1 || amount > 1000) {
      setError(new ApiError('INVALID_INPUT', '请填写积分数：1 到 1000 之间的整数'));
      return;
    }
    const why = reason.trim();
    if (why.length < 2) {
      setError(new ApiError('INVALID_INPUT', '请写明记分原因（至少两个字），志愿者会看到'));
      return;
    }
    await run(async () => {
      const e = await api.points.credit({ userId: v.userId, amount, reason: why });
      onDone(`已为${v.name}记 ${signed(e.amount)} 积分，现有 ${e.balanceAfter} 积分。`);
    });
  };

  return (
    <View className='points-form padmin-credit-form'>
      <Text className='linli-text points-note'>为{v.name}记积分（线下志愿服务）</Text>
      <TextField
        label='积分数（1 到 1000）'
        type='number'
        maxlength={4}
        value={amountText}
        placeholder='例如 10'
        onChange={(t) => {
          setAmountText(t);
          setError(null);
        }}
      />
      <ErrorNote error={error} prefix='没能记分：' />
      <ReasonField
        label='原因（志愿者会看到）'
        placeholder='例如：参加周六楼道清扫'
        maxlength={REASON_MAX}
        value={reason}
        onChange={setReason}
        onClearError={() => setError(null)}
        busy={busy}
        confirmText='确认记分'
        busyText='正在记分…'
        onConfirm={() => void credit()}
        cancelText='取消'
        onCancel={onClose}
      />
    </View>
  );
}

interface VolunteerLedgerProps {
  volunteer: VolunteerView;
  list: PagedList<EntryView>;
  mayReverse: boolean;
  onAct: () => void;
  onDone: (message: string) => void;
}

function VolunteerLedger({ volunteer: v, list, mayReverse, onAct, onDone }: VolunteerLedgerProps) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <View className='points-form padmin-ledger-list'>
      <Text className='linli-label'>{v.name}的积分明细（最新的在前）</Text>
      <ListStatus list={list} errorPrefix='没能列出积分明细：' emptyText='还没有积分记录' />
      {list.items.map((e) => (
        <EntryRow key={e.id} entry={e}>
          {mayReverse && e.amount > 0 && (e.kind === 'wish' || e.kind === 'service') && !e.reversed ? (
            <ReverseControl
              entry={e}
              open={open === e.id}
              onOpen={() => {
                onAct();
                setOpen(e.id);
              }}
              onClose={() => setOpen(null)}
              onDone={(message) => {
                setOpen(null);
                onDone(message);
              }}
            />
          ) : null}
        </EntryRow>
      ))}
      {list.nextCursor ? (
        <Button className='linli-button' size='xlarge' block disabled={list.loading} onClick={() => void list.loadMore()}>
          {list.loading ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}

interface ReverseControlProps {
  entry: EntryView;
  open: boolean;
  onOpen: () => void;
  onClose: () => void;
  onDone: (message: string) => void;
}

function ReverseControl({ entry: e, open, onOpen, onClose, onDone }: ReverseControlProps) {
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useSubmit();

  const reverse = async () => {
    if (busy) return;
    const why = reason.trim();
    if (why.length < 2) {
      setError(new ApiError('INVALID_INPUT', '请写明冲正原因（至少两个字），志愿者会看到'));
      return;
    }
    await run(async () => {
      const r = await api.points.reverse({ entryId: e.id, reason: why });
      setReason('');
      onDone(`已冲正：${signed(r.amount)} 积分，现有 ${r.balanceAfter} 积分。原记录保留，标为“已更正”。`);
    });
  };

  if (!open) {
    return (
      <Button className='linli-button padmin-reverse' size='xlarge' block onClick={onOpen}>
        冲正
      </Button>
    );
  }
  return (
    <View className='points-form'>
      <Text className='linli-text points-note'>冲正会新增一笔 {signed(-e.amount)} 积分的更正记录，这一笔保留不删。</Text>
      <ErrorNote error={error} prefix='没能冲正：' />
      <ReasonField
        label='冲正原因（志愿者会看到）'
        placeholder='例如：记错了人'
        maxlength={REASON_MAX}
        value={reason}
        onChange={setReason}
        onClearError={() => setError(null)}
        busy={busy}
        confirmText='确认冲正'
        busyText='正在冲正…'
        onConfirm={() => void reverse()}
        cancelText='不冲正'
        onCancel={() => {
          setError(null);
          onClose();
        }}
      />
    </View>
  );
}

/* ---------- c. 每个心愿的积分 ---------- */

function WishPointsSection({ state }: { state: ApiState<VolunteersReply> }) {
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, setError, run } = useSubmit();
  const current = state.data?.wishPoints ?? null;

  const save = async () => {
    if (busy) return;
    const n = wholeNumber(text);
    if (n === null || n < 1 || n > 100) {
      setError(new ApiError('INVALID_INPUT', '请填写 1 到 100 之间的整数'));
      return;
    }
    setDone(null);
    await run(async () => {
      const r = await api.points.configure({ wishPoints: n });
      setText('');
      setDone(`已保存：之后发布的心愿，每完成一个得 ${r.wishPoints} 积分。`);
      void state.reload();
    });
  };

  return (
    <View className='linli-card padmin-wish-points'>
      <Text className='linli-section-title'>每个心愿的积分</Text>
      {current !== null ? <Text className='linli-text padmin-wish-points-now'>现在：每完成一个心愿得 {current} 积分</Text> : null}
      {current === null && !state.error ? <Text className='linli-text-2'>正在加载，请稍候…</Text> : null}
      <Text className='linli-text-2 padmin-hint'>改了以后，之后发布的心愿按新数记分；已发布的心愿不变。</Text>
      {done ? (
        <OkNote>
          <Text className='padmin-done'>{done}</Text>
        </OkNote>
      ) : null}
      <TextField
        label='改为（1 到 100）'
        type='number'
        maxlength={3}
        value={text}
        placeholder={current !== null ? `现在是 ${current}` : '例如 10'}
        onChange={(t) => {
          setText(t);
          setError(null);
        }}
      />
      <ErrorNote error={error} prefix='没能保存：' />
      <Button className='linli-button padmin-wish-points-save' type='primary' size='xlarge' block disabled={busy} onClick={() => void save()}>
        {busy ? '正在保存…' : '保存'}
      </Button>
    </View>
  );
}

/* ---------- d. 礼品目录 ---------- */

function CatalogueSection({ state }: { state: ApiState<RewardView[]> }) {
  /** The reward being edited, 'new' for 上架新礼品, or null. */
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const saved = (r: RewardView) => {
    setEditing(null);
    setDone(`已保存：${r.name}（${r.status === 'active' ? '上架中' : '已下架'}，${r.price} 积分，库存 ${r.stock} 件）`);
    void state.reload();
  };
  const open = (id: string) => {
    setDone(null);
    setEditing(id);
  };

  return (
    <View className='linli-card padmin-catalogue'>
      <Text className='linli-section-title'>礼品目录</Text>
      <Text className='linli-text-2 padmin-hint'>志愿者只看得到上架的礼品；下架的只有党支部、社区看得到。</Text>
      {done ? (
        <OkNote>
          <Text className='padmin-done'>{done}</Text>
        </OkNote>
      ) : null}
      {editing === 'new' ? (
        <RewardForm onClose={() => setEditing(null)} onSaved={saved} />
      ) : (
        <Button className='linli-button padmin-new-reward' type='primary' size='xlarge' block onClick={() => open('new')}>
          上架新礼品
        </Button>
      )}
      <ApiStatus state={state} errorPrefix='没能列出礼品：' />
      {state.data && state.data.length === 0 ? <Text className='linli-text linli-empty'>还没有礼品</Text> : null}
      {state.data?.map((r) => (
        <View key={r.id} className={`linli-row padmin-reward${r.status === 'retired' ? ' padmin-reward--retired' : ''}`}>
          <Text className='linli-row-title'>{r.name}</Text>
          <View className='points-tags'>
            <Text className={`points-tag${r.status === 'retired' ? ' points-tag--muted' : ''}`}>{r.status === 'retired' ? '已下架' : '上架中'}</Text>
            {r.stock <= 0 ? <Text className='points-tag points-tag--muted'>已兑完</Text> : null}
          </View>
          {r.description ? <Text className='linli-text-2'>{r.description}</Text> : null}
          <Text className='linli-text'>
            {r.price} 积分 · {r.stock > 0 ? `剩余 ${r.stock} 件` : '已兑完'}
          </Text>
          {editing === r.id ? (
            <RewardForm reward={r} onClose={() => setEditing(null)} onSaved={saved} />
          ) : (
            <Button className='linli-button padmin-edit-reward' size='xlarge' block onClick={() => open(r.id)}>
              修改
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}

function RewardForm({ reward, onClose, onSaved }: { reward?: RewardView; onClose: () => void; onSaved: (r: RewardView) => void }) {
  const [name, setName] = useState(reward?.name ?? '');
  const [description, setDescription] = useState(reward?.description ?? '');
  const [price, setPrice] = useState(reward ? String(reward.price) : '');
  const [stock, setStock] = useState(reward ? String(reward.stock) : '');
  const [active, setActive] = useState(reward ? reward.status === 'active' : true);
  const { busy, error, setError, run } = useSubmit();
  const clear = () => setError(null);

  const save = async () => {
    if (busy) return;
    const n = name.trim();
    const p = wholeNumber(price);
    const s = wholeNumber(stock);
    if (n.length < 1) return setError(new ApiError('INVALID_INPUT', '请填写礼品名称'));
    if (p === null || p < 1 || p > 100000) return setError(new ApiError('INVALID_INPUT', '所需积分请填 1 到 100000 之间的整数'));
    if (s === null || s > 100000) return setError(new ApiError('INVALID_INPUT', '库存请填 0 到 100000 之间的整数'));
    await run(async () => {
      const r = await api.points.saveReward({
        ...(reward ? { rewardId: reward.id } : {}),
        name: n,
        description: description.trim(),
        price: p,
        stock: s,
        status: active ? 'active' : 'retired',
      });
      onSaved(r);
    });
  };

  return (
    <View className='points-form padmin-reward-form'>
      <Text className='linli-text points-note'>{reward ? `修改礼品：${reward.name}` : '上架新礼品'}</Text>
      <TextField label='名称' value={name} placeholder='例如：大米一袋' maxlength={30} onChange={(t) => { setName(t); clear(); }} />
      <View className='linli-field'>
        <Text className='linli-label'>说明（可不填）</Text>
        <Textarea
          className='linli-textarea linli-textarea--short'
          value={description}
          placeholder='例如：5 斤装'
          placeholderStyle='color:#595959'
          maxlength={200}
          onInput={(e) => {
            setDescription(e.detail.value);
            clear();
          }}
        />
      </View>
      <TextField label='所需积分' type='number' value={price} placeholder='例如 50' maxlength={6} onChange={(t) => { setPrice(t); clear(); }} />
      <TextField label='库存（件）' type='number' value={stock} placeholder='例如 20' maxlength={6} onChange={(t) => { setStock(t); clear(); }} />
      <Text className='linli-label'>上架还是下架</Text>
      <View className='linli-choices'>
        <ChoiceButton selected={active} onClick={() => setActive(true)}>
          上架
        </ChoiceButton>
        <ChoiceButton selected={!active} onClick={() => setActive(false)}>
          下架
        </ChoiceButton>
      </View>
      <Text className='linli-hint padmin-hint'>上架：志愿者能看到、能兑换。下架：志愿者看不到。</Text>
      <ErrorNote error={error} prefix='没能保存：' />
      <View className='linli-actions'>
        <Button className='linli-button padmin-reward-save' type='primary' size='xlarge' disabled={busy} onClick={() => void save()}>
          {busy ? '正在保存…' : '保存礼品'}
        </Button>
        <Button className='linli-button' size='xlarge' disabled={busy} onClick={onClose}>
          取消
        </Button>
      </View>
    </View>
  );
}
