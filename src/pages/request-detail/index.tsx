import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import type { RequestView, StepView } from '../../core/request/api';
import {
  REQUEST_CATEGORY_LABELS,
  REQUEST_STATUS_LABELS,
  REQUEST_TYPE_LABELS,
  URGENCY_LABELS,
  type RequestAction,
  type RequestStatus,
} from '../../core/request/types';
import { useApi } from '../../hooks/useApi';
import { type SessionState, useSession } from '../../hooks/useSession';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import ChoiceButton from '../../components/ChoiceButton';
import ReasonField, { type ReasonWords } from '../../components/ReasonField';
import TextArea from '../../components/TextArea';
import ActionButtons, { ActionNotes, ConfirmButtons } from '../../components/ActionButtons';
import Timeline, { type TimelineRow } from '../../components/Timeline';
import Tag from '../../components/Tag';
import { ErrorNote } from '../../components/Notes';
import { PhotoList, PhotoPicker } from '../../components/WishParts';
import { LateTag, RequestTags, clockText, formatDay, isLate } from '../../components/RequestParts';
import './index.css';

const REASON_MIN = 2;
const REASON_MAX = 200;
const NOTE_MIN = 2;
const NOTE_MAX = 500;
const COMMENT_MAX = 200;
const MAX_PHOTOS = 9;
const SCORES = [1, 2, 3, 4, 5] as const;

/** What each state means, in words. */
const STATE_TEXT: Record<RequestStatus, string> = {
  submitted: '待受理：等物业受理、派人处理。',
  accepted: '处理中：已派人处理。',
  resolved: '已处理，待您确认：处理人说已经处理好了，请提交人确认是否解决。',
  closed: '已结案：问题已解决。',
  reopened: '重新处理：提交人说还没有解决，等物业再次受理。',
  transferred: '已转社区：不属于物业职责，等社区受理。',
  withdrawn: '已撤回：提交人撤回了这个诉求。',
};

const PARTY_LABELS: Record<StepView['party'], string> = {
  author: '提交人',
  property: '物业',
  community: '社区',
  system: '系统',
  resident: '居民',
};

/** What happened at one step, in words. */
function stepText(s: StepView): string {
  switch (s.kind) {
    case 'submit':
      return '提交了诉求';
    case 'accept':
      return s.from === 'transferred' ? '受理了转来的诉求' : '受理并派单';
    case 'transfer':
      return '转给了社区';
    case 'note':
      return '记录了进展';
    case 'resolve':
      return '处理完成';
    case 'confirm':
      return '确认已解决，并作了评价';
    case 'reopen':
      return '认为没有解决，要求重新处理';
    case 'autoClose':
      return '提交人到期没有确认，自动结案';
    case 'withdraw':
      return '撤回了诉求';
    case 'escalate':
      return '超过时限，已上报社区';
    case 'support':
      return '也遇到了这个问题';
    default:
      return '更新了诉求';
  }
}

/** What a successful action did, in words. */
function doneText(a: Act, r: RequestView): string {
  switch (a) {
    case 'accept':
      return r.handler ? `已受理，由 ${r.handler.name} 处理。` : '已受理。';
    case 'transfer':
      return '已转给社区，等社区受理。';
    case 'resolve':
      return '已提交处理结果，等提交人确认。';
    case 'confirm':
      return '已确认解决，谢谢您的评价！';
    case 'reopen':
      return '已告诉处理人还没有解决，会重新处理。';
    case 'withdraw':
      return '已撤回这个诉求。';
    case 'note':
      return '已记录进展，提交人能看到。';
    default:
      return `已完成，诉求现在${REQUEST_STATUS_LABELS[r.status] ?? r.status}。`;
  }
}

export default function RequestDetail() {
  const id = useRouter().params.id ?? '';
  const session = useSession();
  const detail = useApi(
    () => (id ? api.request.get({ requestId: id }) : Promise.reject(new ApiError('NOT_FOUND', '没有找到这个诉求'))),
    [id],
    { auto: false },
  );
  useDidShow(() => void detail.reload());
  const [done, setDone] = useState<string | null>(null);

  const refresh = () => {
    setDone(null);
    void detail.reload();
  };

  return (
    <PageShell query={detail}>
      {({ request, steps }) => (
        <View>
          <Body request={request} />
          <Actions
            request={request}
            session={session}
            done={done}
            onStart={() => setDone(null)}
            onDone={(message) => {
              setDone(message);
              void detail.reload();
            }}
            onRefresh={refresh}
          />
          <Timeline rows={steps.map(stepRow)} />
          <Button className='linli-button' size='xlarge' block disabled={detail.loading} onClick={refresh}>
            {detail.loading ? '正在刷新…' : '刷新'}
          </Button>
        </View>
      )}
    </PageShell>
  );
}

function Body({ request: r }: { request: RequestView }) {
  const late = isLate(r);
  const clock = clockText(r);
  const due = r.dueAt !== null && r.dueAt === r.acceptBy ? '受理' : '办结';
  const overtime = r.minutesLeft !== null && r.minutesLeft < 0;
  const weapp = process.env.TARO_ENV === 'weapp';

  return (
    <View>
      <RequestTags type={r.type} category={r.category} urgency={r.urgency} />
      <View className='request-detail-title' role='heading'>
        {REQUEST_TYPE_LABELS[r.type] ?? r.type} · {REQUEST_CATEGORY_LABELS[r.category] ?? r.category}
      </View>

      <View className={`request-detail-state request-detail-state--${r.status}${late ? ' request-detail-state--late' : ''}`}>
        <Text className='linli-text request-strong'>状态：{STATE_TEXT[r.status] ?? REQUEST_STATUS_LABELS[r.status]}</Text>
        {late || r.escalated ? (
          <View className='request-detail-flags'>
            {late ? <LateTag /> : null}
            {r.escalated ? (
              <Tag tone='red' className='request-tag--late'>
                已上报社区
              </Tag>
            ) : null}
          </View>
        ) : null}
        {r.mine ? <Text className='linli-text-2'>这是您提交的诉求。</Text> : null}
      </View>

      <View className='linli-card'>
        <Text className='linli-section-title'>时限</Text>
        {clock ? (
          <View className='request-detail-clock-box'>
            <Text className='linli-text-2'>{overtime ? `${due}时限已过` : `离${due}时限`}</Text>
            <Text className={`request-detail-clock${overtime ? ' request-detail-clock--late' : ''}`}>{clock}</Text>
          </View>
        ) : null}
        <Text className='linli-text'>受理时限：{formatDay(r.acceptBy, true)}</Text>
        <Text className='linli-text'>办结时限：{formatDay(r.resolveBy, true)}</Text>
        <View className='request-detail-facts'>
          <Text className='linli-text-2'>提交于 {formatDay(r.submittedAt, true)}</Text>
          {r.acceptedAt ? <Text className='linli-text-2'>受理于 {formatDay(r.acceptedAt, true)}</Text> : null}
          {r.resolvedAt ? <Text className='linli-text-2'>处理完成于 {formatDay(r.resolvedAt, true)}</Text> : null}
          {r.closedAt ? <Text className='linli-text-2'>结案于 {formatDay(r.closedAt, true)}</Text> : null}
        </View>
      </View>

      <View className='linli-card'>
        <Text className='linli-section-title'>问题</Text>
        <Text className='linli-text request-detail-description' userSelect>
          {r.description}
        </Text>
        <PhotoList photos={r.photos} />
        <View className='request-detail-facts'>
          <Text className='linli-text'>地点：{r.placeLabel}</Text>
          <Text className='linli-text'>紧急程度：{URGENCY_LABELS[r.urgency] ?? r.urgency}</Text>
          <Text className='linli-text'>提交人：{r.author.name}</Text>
          {r.author.phone ? (
            <Text className='linli-text' userSelect>
              电话：{r.author.phone}
            </Text>
          ) : null}
          <Text className='linli-text'>处理人：{r.handler ? r.handler.name : '还没有派单'}</Text>
          {r.supporters > 0 ? <Text className='linli-text request-strong'>{r.supporters} 人也遇到了</Text> : null}
          {r.supported ? <Text className='linli-text-2'>您也说过“我也遇到了”。</Text> : null}
        </View>
        {weapp && r.author.phone ? (
          <Button className='linli-button request-gap' size='xlarge' block onClick={() => void Taro.makePhoneCall({ phoneNumber: r.author.phone ?? '' }).catch(() => undefined)}>
            拨打电话：{r.author.phone}
          </Button>
        ) : null}
      </View>

      {r.resolution ? (
        <View className='linli-card'>
          <Text className='linli-section-title'>处理结果</Text>
          <Text className='linli-text request-detail-description' userSelect>
            {r.resolution.note}
          </Text>
          <PhotoList photos={r.resolution.before} label='处理前' />
          <PhotoList photos={r.resolution.after} label='处理后' />
        </View>
      ) : null}

      {r.rating ? (
        <View className='linli-card'>
          <Text className='linli-section-title'>评价（1–5 分，5 分最满意）</Text>
          <Text className='linli-text'>响应速度：{r.rating.speed} 分</Text>
          <Text className='linli-text'>处理结果：{r.rating.result} 分</Text>
          <Text className='linli-text'>服务态度：{r.rating.attitude} 分</Text>
        </View>
      ) : null}
    </View>
  );
}

/** The actions of the state table, and 记录进展 for the handlers. */
type Act = Exclude<RequestAction, 'autoClose'> | 'note';

/** The button of each action, in the order they are shown; exactly those the server lists. */
const BUTTONS: { action: Act; text: string; primary?: boolean }[] = [
  { action: 'accept', text: '受理', primary: true },
  { action: 'resolve', text: '处理完成', primary: true },
  { action: 'note', text: '记录进展' },
  { action: 'transfer', text: '转给社区' },
  { action: 'confirm', text: '确认解决', primary: true },
  { action: 'reopen', text: '没有解决' },
  { action: 'withdraw', text: '撤回' },
];

/** The words of the forms that ask for a reason. */
const REASON_FORMS: Partial<Record<Act, ReasonWords>> = {
  transfer: { label: '转给社区的原因（提交人和社区都会看到）', placeholder: '例如：属于市政管网，不归物业管', confirmText: '确认转交', busyText: '正在提交…', cancelText: '先不转' },
  reopen: { label: '哪里没有解决（处理人会看到）', placeholder: '请写明还有什么问题', confirmText: '重新处理', busyText: '正在提交…', cancelText: '先不提' },
  withdraw: { label: '撤回原因（可不填）', placeholder: '例如：已经自己解决了', confirmText: '确认撤回', busyText: '正在撤回…', cancelText: '不撤回' },
};

interface ActionsProps {
  request: RequestView;
  session: SessionState;
  done: string | null;
  onStart: () => void;
  onDone: (message: string) => void;
  onRefresh: () => void;
}

type Scores = { speed: number | null; result: number | null; attitude: number | null };
const NO_SCORES: Scores = { speed: null, result: null, attitude: null };
const SCORE_ROWS: { key: keyof Scores; label: string }[] = [
  { key: 'speed', label: '响应速度' },
  { key: 'result', label: '处理结果' },
  { key: 'attitude', label: '服务态度' },
];

function Actions({ request: r, session, done, onStart, onDone, onRefresh }: ActionsProps) {
  const [form, setForm] = useState<Act | null>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [before, setBefore] = useState<string[]>([]);
  const [after, setAfter] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  /** The accept form: 'self' (我来处理), a staff member's userId, or nothing chosen yet. */
  const [handler, setHandler] = useState<string | null>(null);
  const [scores, setScores] = useState<Scores>(NO_SCORES);
  const [comment, setComment] = useState('');
  const { busy, error, setError, run } = useSubmit();

  const estateId = session.data?.user.currentEstateId ?? null;
  const target = estateId ? { estateId } : undefined;
  // 记录进展: the handlers' side, while it is being handled (the server checks who).
  const mayNote = r.status === 'accepted' && !!target && session.can('request.note', target);
  const allowed = (a: Act) => (a === 'note' ? mayNote : r.actions.includes(a));
  // The property company dispatches (a chooser of its staff); the community takes a transferred request itself.
  const dispatch = r.status !== 'transferred' && !!target && session.can('request.staff', target);
  const staff = useApi(() => api.request.staff({}), [], { auto: false });

  const buttons = BUTTONS.filter((b) => allowed(b.action));
  // A form whose action the request no longer allows (it changed meanwhile) is closed.
  const open = form && allowed(form) ? form : null;
  if (buttons.length === 0 && !done && !error) return null;

  const close = () => {
    setForm(null);
    setError(null);
  };

  const start = (a: Act) => {
    if (busy) return;
    onStart();
    setError(null);
    setReason('');
    setNote('');
    setPhotos([]);
    setBefore([]);
    setAfter([]);
    setHandler(null);
    setScores(NO_SCORES);
    setComment('');
    if (a === 'accept' && dispatch) void staff.reload();
    setForm(a);
  };

  const invalid = (message: string) => {
    setError(new ApiError('INVALID_INPUT', message));
    return undefined;
  };

  const act = async (a: Act) => {
    if (busy) return;
    const requestId = r.id;
    const why = reason.trim();
    const text = note.trim();
    if ((a === 'transfer' || a === 'reopen') && why.length < REASON_MIN) {
      return invalid(a === 'transfer' ? `请写明转给社区的原因（至少 ${REASON_MIN} 个字）` : `请写明哪里没有解决（至少 ${REASON_MIN} 个字），处理人会看到`);
    }
    if ((a === 'resolve' || a === 'note') && text.length < NOTE_MIN) {
      return invalid(a === 'resolve' ? `请写明处理结果（至少 ${NOTE_MIN} 个字），提交人会看到` : `请写一写进展（至少 ${NOTE_MIN} 个字）`);
    }
    if ((a === 'resolve' || a === 'note') && uploading) return invalid('照片还在上传，请稍等');
    if (a === 'accept' && dispatch && !handler) return invalid('请选择由谁处理：“我来处理”或一位工作人员');
    if (a === 'confirm' && (scores.speed === null || scores.result === null || scores.attitude === null)) {
      return invalid('请给响应速度、处理结果、服务态度各打一个分（1–5 分）');
    }
    onStart();
    const result = await run(async () => {
      switch (a) {
        case 'accept':
          return api.request.accept({ requestId, ...(handler && handler !== 'self' ? { handlerId: handler } : {}) });
        case 'transfer':
          return api.request.transfer({ requestId, reason: why });
        case 'resolve':
          return api.request.resolve({ requestId, note: text, ...(before.length ? { before } : {}), ...(after.length ? { after } : {}) });
        case 'note':
          return api.request.note({ requestId, note: text, ...(photos.length ? { photos } : {}) });
        case 'confirm':
          return api.request.confirm({
            requestId,
            rating: { speed: scores.speed as number, result: scores.result as number, attitude: scores.attitude as number },
            ...(comment.trim() ? { comment: comment.trim() } : {}),
          });
        case 'reopen':
          return api.request.reopen({ requestId, reason: why });
        case 'withdraw':
          return api.request.withdraw({ requestId, ...(why ? { reason: why } : {}) });
        default:
          throw new ApiError('INVALID_INPUT', '这个操作不能在这里进行');
      }
    });
    if (!result) return;
    setForm(null);
    onDone(doneText(a, result));
  };

  const refresh = () => {
    setError(null);
    setForm(null);
    onRefresh();
  };
  const clear = () => setError(null);
  const sendButtons = (confirmText: string, cancelText: string, a: Act, waitForPhotos = false) => (
    <ConfirmButtons
      busy={busy}
      waiting={waitForPhotos && uploading}
      confirmText={waitForPhotos && uploading ? '照片上传中，请稍等' : confirmText}
      onConfirm={() => void act(a)}
      cancelText={cancelText}
      onCancel={close}
    />
  );
  const noteBox = (label: string, placeholder: string, hint: string) => (
    <TextArea
      label={label}
      short
      className='request-detail-note'
      value={note}
      placeholder={placeholder}
      maxlength={NOTE_MAX}
      onChange={(v) => {
        setNote(v);
        clear();
      }}
      hint={hint}
      hintClassName='request-detail-hint'
    />
  );

  return (
    <View className='linli-card request-actions'>
      <ActionNotes done={done} error={error} item='诉求' onRefresh={refresh} />

      {open === 'accept' && dispatch ? (
        <View>
          <Text className='linli-label'>由谁处理</Text>
          <View className='linli-choices request-choices request-detail-column'>
            <ChoiceButton
              selected={handler === 'self'}
              onClick={() => {
                setHandler('self');
                clear();
              }}
            >
              我来处理
            </ChoiceButton>
            {(staff.data ?? [])
              .filter((s) => s.userId !== session.actor?.userId)
              .map((s) => (
                <ChoiceButton
                  key={s.userId}
                  selected={handler === s.userId}
                  onClick={() => {
                    setHandler(s.userId);
                    clear();
                  }}
                >
                  {s.name}
                </ChoiceButton>
              ))}
          </View>
          {staff.loading ? <Text className='linli-text-2'>正在列出物业工作人员…</Text> : null}
          <ErrorNote error={staff.error} prefix='没能列出物业工作人员：' />
          {sendButtons('确认派单', '先不派单', 'accept')}
        </View>
      ) : null}
      {open === 'accept' && !dispatch ? (
        <View>
          <Text className='linli-text'>受理后由您负责处理这个诉求，处理好了请点“处理完成”。</Text>
          {sendButtons('确认受理', '先不受理', 'accept')}
        </View>
      ) : null}

      {open && REASON_FORMS[open] ? (
        <ReasonField
          key={open}
          {...REASON_FORMS[open]}
          maxlength={REASON_MAX}
          value={reason}
          onChange={setReason}
          onClearError={clear}
          busy={busy}
          onConfirm={() => void act(open)}
          onCancel={close}
        />
      ) : null}

      {open === 'resolve' ? (
        <View>
          {noteBox('处理结果（提交人会看到）', '处理结果', `${NOTE_MIN}–${NOTE_MAX} 个字，写明做了什么、现在怎么样了。`)}
          <PhotoPicker folder='wishes' label='处理前' max={MAX_PHOTOS} photos={before} onChange={setBefore} onBusy={setUploading} disabled={busy} />
          <PhotoPicker folder='wishes' label='处理后' max={MAX_PHOTOS} photos={after} onChange={setAfter} onBusy={setUploading} disabled={busy} />
          {sendButtons('提交处理结果', '先不提交', 'resolve', true)}
        </View>
      ) : null}

      {open === 'note' ? (
        <View>
          {noteBox('进展（提交人会看到）', '例如：已联系维修师傅，明天上午来修', `${NOTE_MIN}–${NOTE_MAX} 个字。`)}
          <PhotoPicker folder='wishes' max={MAX_PHOTOS} photos={photos} onChange={setPhotos} onBusy={setUploading} disabled={busy} />
          {sendButtons('提交进展', '先不记录', 'note', true)}
        </View>
      ) : null}

      {open === 'confirm' ? (
        <View>
          <Text className='linli-text request-strong'>请给这次处理打分：1 分最不满意，5 分最满意。</Text>
          {SCORE_ROWS.map((row) => (
            <View key={row.key} className='request-detail-score'>
              <Text className='linli-label'>
                {row.label}
                {scores[row.key] !== null ? `：${scores[row.key]} 分` : ''}
              </Text>
              <View className='linli-choices request-choices request-choices--score'>
                {SCORES.map((n) => (
                  <ChoiceButton
                    key={n}
                    selected={scores[row.key] === n}
                    onClick={() => {
                      setScores((s) => ({ ...s, [row.key]: n }));
                      clear();
                    }}
                  >
                    {String(n)}
                  </ChoiceButton>
                ))}
              </View>
            </View>
          ))}
          <TextArea
            label='还想说的话（可不填）'
            short
            value={comment}
            placeholder='例如：师傅来得很快'
            maxlength={COMMENT_MAX}
            onChange={(v) => {
              setComment(v);
              clear();
            }}
          />
          {sendButtons('提交评价', '先不评价', 'confirm')}
        </View>
      ) : null}

      {!open ? <ActionButtons busy={busy} buttons={buttons.map((b) => ({ key: b.action, text: b.text, primary: b.primary, onClick: () => start(b.action) }))} /> : null}
    </View>
  );
}

/** A step of the 经过: when, who, what, why, with photos. */
const stepRow = (s: StepView, i: number): TimelineRow => ({
  key: `${s.at}-${i}`,
  when: formatDay(s.at, true),
  who: s.byName,
  role: s.party === 'system' ? null : (PARTY_LABELS[s.party] ?? s.party),
  what: stepText(s),
  from: s.from ? (REQUEST_STATUS_LABELS[s.from] ?? s.from) : null,
  to: s.to ? (REQUEST_STATUS_LABELS[s.to] ?? s.to) : null,
  note: s.note ? `${s.kind === 'transfer' || s.kind === 'reopen' || s.kind === 'withdraw' ? '原因：' : '说明：'}${s.note}` : null,
  photos: s.photos,
});
