import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import { requestSubscribe } from '../../api/subscribe';
import type { WishStep, WishView } from '../../core/wish/api';
import { WISH_CATEGORY_LABELS, WISH_STATUS_LABELS, type ContactVisibility, type WishAction, type WishParty, type WishStatus } from '../../core/wish/types';
import { useApi } from '../../hooks/useApi';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import ReasonField, { type ReasonWords } from '../../components/ReasonField';
import TextArea from '../../components/TextArea';
import ActionButtons, { ActionNotes, ConfirmButtons } from '../../components/ActionButtons';
import Timeline, { type TimelineRow } from '../../components/Timeline';
import { PhotoList, PhotoPicker, WishTags, formatDay, wishAuthor, wishDeadline } from '../../components/WishParts';
import './index.css';

const REASON_MAX = 200;
const NOTE_MIN = 2;
const NOTE_MAX = 500;

/** What each state means, in words. */
const STATE_TEXT: Record<WishStatus, string> = {
  pending: '待审核：党支部或社区看过后，心愿才会上墙。',
  open: '待认领：等志愿者或党员来认领。',
  claimed: '已认领：志愿者正在帮忙。',
  fulfilled: '待确认：志愿者已标记完成，等发布人确认。',
  confirmed: '已完成：发布人已确认，志愿者已获得积分。',
  rejected: '未通过：审核没有通过，没有上墙。',
  cancelled: '已取消：发布人取消了这个心愿。',
  expired: '已过期：到截止时间还没有人认领。',
};

/** Who may see the author's contact details, when the viewer may not. */
const CONTACT_HIDDEN: Record<ContactVisibility, string> = {
  claimer: '发布人的姓名、电话和门牌，认领这个心愿的志愿者才能看到。',
  volunteers: '发布人的姓名、电话和门牌，只有本小区的志愿者能看到。',
  staff: '发布人的姓名、电话和门牌只给党支部和社区看；需要联系时，请找党支部或社区。',
};

const PARTY_LABELS: Record<WishParty, string> = {
  author: '发布人',
  claimer: '认领人',
  volunteer: '志愿者',
  staff: '党支部/社区',
  resident: '居民',
  system: '系统',
};

/** What happened at one step, in words. */
function stepText(s: WishStep): string {
  switch (s.action) {
    case 'post':
      return s.to === 'pending' ? '发布了心愿，等待审核' : '发布了心愿';
    case 'approve':
      return '审核通过，心愿上墙';
    case 'reject':
      return '驳回了心愿';
    case 'claim':
      return '认领了心愿';
    case 'release':
      return '放弃了认领';
    case 'fulfil':
      return '标记已完成';
    case 'confirm':
      return '确认已完成';
    case 'dispute':
      return '认为还没完成';
    case 'cancel':
      return '取消了心愿';
    case 'expire':
      return '到了截止时间，心愿已过期';
    default:
      return '更新了心愿';
  }
}

/** What a successful action did, in words. */
function doneText(a: WishAction, w: WishView): string {
  switch (a) {
    case 'approve':
      return '已审核通过，心愿已上墙。';
    case 'reject':
      return '已驳回，发布人会看到您写的原因。';
    case 'claim':
      return '已认领，请尽快联系居民。';
    case 'release':
      return '已放弃认领，心愿回到待认领。';
    case 'fulfil':
      return '已提交完成情况，等待居民确认。';
    case 'confirm':
      return `已确认完成，谢谢！志愿者获得 ${w.points} 积分。`;
    case 'dispute':
      return '已告诉志愿者还没完成，心愿回到已认领。';
    case 'cancel':
      return '已取消心愿。';
    default:
      return `已完成操作，心愿现在${WISH_STATUS_LABELS[w.status]}。`;
  }
}

export default function WishDetail() {
  const id = useRouter().params.id ?? '';
  const detail = useApi(() => (id ? api.wish.get({ wishId: id }) : Promise.reject(new ApiError('NOT_FOUND', '没有找到这个心愿'))), [id], { auto: false });
  useDidShow(() => void detail.reload());
  const [done, setDone] = useState<string | null>(null);

  return (
    <PageShell query={detail}>
      {({ wish, steps }) => (
        <View>
          <WishBody wish={wish} steps={steps} />
          <Actions
            wish={wish}
            done={done}
            onStart={() => setDone(null)}
            onDone={(message) => {
              setDone(message);
              void detail.reload();
            }}
            onRefresh={() => {
              setDone(null);
              void detail.reload();
            }}
          />
          <Timeline rows={steps.map(stepRow)} />
        </View>
      )}
    </PageShell>
  );
}

function WishBody({ wish: w, steps }: { wish: WishView; steps: WishStep[] }) {
  // Why it was rejected or cancelled: the reason of the step that led here.
  const last = [...steps].reverse().find((s) => s.to === w.status);
  const why = (w.status === 'rejected' || w.status === 'cancelled') && last?.reason ? last.reason : null;

  return (
    <View className='wish-detail'>
      <WishTags wish={w} />
      <View className='wish-detail-title' role='heading'>
        {w.title}
      </View>
      <View className={`wish-detail-state wish-detail-state--${w.status}`}>
        <Text className='linli-text wish-detail-state-text'>状态：{STATE_TEXT[w.status] ?? WISH_STATUS_LABELS[w.status]}</Text>
        {why ? <Text className='linli-text'>原因：{why}</Text> : null}
      </View>

      <View className='linli-card'>
        <Text className='linli-text wish-detail-description' userSelect>
          {w.description}
        </Text>
        <PhotoList photos={w.photos} />
        <View className='wish-detail-facts'>
          <Text className='linli-text-2'>类别：{WISH_CATEGORY_LABELS[w.category] ?? w.category}</Text>
          <Text className='linli-text-2'>发布人：{wishAuthor(w)}</Text>
          <Text className='linli-text-2'>发布于 {formatDay(w.createdAt, true)}</Text>
          <Text className='linli-text-2'>{wishDeadline(w.deadline)}</Text>
          <Text className='linli-text wish-detail-points'>完成后志愿者获得 {w.points} 积分</Text>
          {w.claimer ? <Text className='linli-text'>认领人：{w.claimer.name}</Text> : null}
        </View>
      </View>

      <Contact wish={w} />

      {w.fulfilNote || w.fulfilPhotos.length ? (
        <View className='linli-card'>
          <Text className='linli-section-title'>完成情况</Text>
          {w.fulfilNote ? (
            <Text className='linli-text wish-detail-description' userSelect>
              {w.fulfilNote}
            </Text>
          ) : null}
          <PhotoList photos={w.fulfilPhotos} label='完成照片' />
        </View>
      ) : null}
    </View>
  );
}

/** The author's name, phone and home, to those the author allowed; else who may see them. */
function Contact({ wish: w }: { wish: WishView }) {
  const c = w.contactDetails;
  if (!c) {
    if (w.mine.author || ['confirmed', 'rejected', 'cancelled', 'expired'].includes(w.status)) return null;
    return (
      <View className='linli-card'>
        <Text className='linli-text-2'>{CONTACT_HIDDEN[w.contact]}</Text>
      </View>
    );
  }
  const weapp = process.env.TARO_ENV === 'weapp';
  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>联系方式</Text>
      <Text className='linli-text'>姓名：{c.name}</Text>
      <Text className='linli-text' userSelect>
        电话：{c.phone}
      </Text>
      <Text className='linli-text'>住址：{c.home}</Text>
      {weapp && c.phone ? (
        <Button className='linli-button wish-detail-gap' size='xlarge' block onClick={() => void Taro.makePhoneCall({ phoneNumber: c.phone }).catch(() => undefined)}>
          拨打电话：{c.phone}
        </Button>
      ) : null}
    </View>
  );
}

/** The actions that open a form first; the others act at once. */
type Form = 'reject' | 'fulfil' | 'dispute' | 'cancel';
const FORMS: readonly WishAction[] = ['reject', 'fulfil', 'dispute', 'cancel'];

/** The button of each action, in the order they are shown; exactly those the server lists. */
const BUTTONS: { action: WishAction; text: string; primary?: boolean }[] = [
  { action: 'approve', text: '审核通过', primary: true },
  { action: 'reject', text: '驳回' },
  { action: 'claim', text: '我来认领', primary: true },
  { action: 'fulfil', text: '标记已完成', primary: true },
  { action: 'release', text: '放弃认领' },
  { action: 'confirm', text: '确认已完成', primary: true },
  { action: 'dispute', text: '还没完成' },
  { action: 'cancel', text: '取消心愿' },
];

/** The words of the forms that ask for a reason. */
const REASON_FORMS: Partial<Record<WishAction, ReasonWords>> = {
  reject: { label: '驳回原因（发布人会看到）', placeholder: '请写明驳回原因', confirmText: '确认驳回', busyText: '正在提交…', cancelText: '不驳回' },
  dispute: { label: '还有什么没完成（志愿者会看到）', placeholder: '请写明还差什么', confirmText: '提交原因', busyText: '正在提交…', cancelText: '先不提交' },
  cancel: { label: '取消原因（可不填）', placeholder: '例如：已经解决了', confirmText: '确认取消', busyText: '正在取消…', cancelText: '不取消' },
};

interface ActionsProps {
  wish: WishView;
  done: string | null;
  onStart: () => void;
  onDone: (message: string) => void;
  onRefresh: () => void;
}

function Actions({ wish: w, done, onStart, onDone, onRefresh }: ActionsProps) {
  const [form, setForm] = useState<Form | null>(null);
  const [running, setRunning] = useState<WishAction | null>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const { busy, error, setError, run } = useSubmit();

  const buttons = BUTTONS.filter((b) => w.actions.includes(b.action));
  // A form whose action the wish no longer allows (it changed meanwhile) is closed.
  const open = form && w.actions.includes(form) ? form : null;
  if (buttons.length === 0 && !done && !error) return null;

  const close = () => {
    setForm(null);
    setError(null);
  };

  const start = (a: WishAction) => {
    if (busy) return;
    onStart();
    setError(null);
    if (FORMS.includes(a)) {
      setReason('');
      setForm(a as Form);
      return;
    }
    void act(a);
  };

  const act = async (a: WishAction) => {
    if (busy) return;
    // Asked at the tap (WeChat refuses it later): to be told when the author confirms.
    if (a === 'claim') await requestSubscribe('wishClaim');
    const r = reason.trim();
    if ((a === 'reject' || a === 'dispute') && r.length < 2) {
      setError(new ApiError('INVALID_INPUT', a === 'reject' ? '请写明驳回原因（至少两个字），发布人会看到' : '请写明还有什么没完成（至少两个字），志愿者会看到'));
      return;
    }
    if (a === 'fulfil') {
      if (note.trim().length < NOTE_MIN) {
        setError(new ApiError('INVALID_INPUT', `请写一写完成情况（至少 ${NOTE_MIN} 个字），居民会看到`));
        return;
      }
      if (uploading) {
        setError(new ApiError('INVALID_INPUT', '照片还在上传，请稍等'));
        return;
      }
    }
    onStart();
    setRunning(a);
    const wishId = w.id;
    const result = await run(async () => {
      switch (a) {
        case 'approve':
          return api.wish.approve({ wishId });
        case 'reject':
          return api.wish.reject({ wishId, reason: r });
        case 'claim':
          return api.wish.claim({ wishId });
        case 'release':
          return api.wish.release({ wishId });
        case 'fulfil':
          return api.wish.fulfil({ wishId, note: note.trim(), ...(photos.length ? { photos } : {}) });
        case 'confirm':
          return api.wish.confirm({ wishId });
        case 'dispute':
          return api.wish.dispute({ wishId, reason: r });
        case 'cancel':
          return api.wish.cancel({ wishId, ...(r ? { reason: r } : {}) });
        default:
          throw new ApiError('INVALID_INPUT', '这个操作不能在这里进行');
      }
    });
    setRunning(null);
    if (!result) return;
    setForm(null);
    setReason('');
    setNote('');
    setPhotos([]);
    onDone(doneText(a, result));
  };

  const refresh = () => {
    setError(null);
    setForm(null);
    onRefresh();
  };

  return (
    <View className='linli-card wish-actions'>
      <ActionNotes done={done} error={error} item='心愿' onRefresh={refresh} />

      {open && REASON_FORMS[open] ? (
        <ReasonField
          key={open}
          {...REASON_FORMS[open]}
          maxlength={REASON_MAX}
          value={reason}
          onChange={setReason}
          onClearError={() => setError(null)}
          busy={busy}
          onConfirm={() => void act(open)}
          onCancel={close}
        />
      ) : null}
      {open === 'fulfil' ? (
        <View>
          <TextArea
            label='完成情况'
            short
            value={note}
            placeholder='写一写帮了什么、怎么完成的'
            maxlength={NOTE_MAX}
            onChange={(v) => {
              setNote(v);
              setError(null);
            }}
            hint={`${NOTE_MIN}–${NOTE_MAX} 个字，居民会看到。`}
            hintClassName='wish-detail-hint'
          />
          <PhotoPicker folder='fulfilments' photos={photos} onChange={setPhotos} onBusy={setUploading} disabled={busy} />
          <ConfirmButtons busy={busy} waiting={uploading} confirmText='提交完成情况' onConfirm={() => void act('fulfil')} cancelText='先不提交' onCancel={close} />
        </View>
      ) : null}

      {!open ? (
        <ActionButtons
          busy={busy}
          buttons={buttons.map((b) => ({ key: b.action, text: b.text, primary: b.primary, running: running === b.action, onClick: () => start(b.action) }))}
        />
      ) : null}
    </View>
  );
}

/** A step of the 经过: when, who, what, why. */
const stepRow = (s: WishStep, i: number): TimelineRow => ({
  key: `${s.at}-${i}`,
  when: formatDay(s.at, true),
  who: s.byName,
  role: s.party === 'system' ? null : (PARTY_LABELS[s.party] ?? s.party),
  what: stepText(s),
  from: s.from ? WISH_STATUS_LABELS[s.from] : null,
  to: WISH_STATUS_LABELS[s.to],
  note: s.reason ? `原因：${s.reason}` : null,
});
