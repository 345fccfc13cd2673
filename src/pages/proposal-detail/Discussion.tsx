import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import type { CommentView, PollView, PositionView } from '../../core/proposal/api';
import { POSITION_LABELS, POSITION_PARTIES, type PositionParty } from '../../core/proposal/types';
import { usePagedList } from '../../hooks/usePagedList';
import { useSubmit } from '../../hooks/useSubmit';
import ChoiceButton from '../../components/ChoiceButton';
import TextField from '../../components/TextField';
import TextArea from '../../components/TextArea';
import { ErrorNote, OkNote } from '../../components/Notes';
import { PhotoPicker } from '../../components/WishParts';
import { formatDay } from '../../components/ProposalParts';

const TEXT_MIN = 2;
const COMMENT_MAX = 500;
const POSITION_MAX = 1000;
const NOTE_MAX = 500;
const QUESTION_MIN = 4;
const QUESTION_MAX = 100;
const OPTION_MAX = 20;
const OPTIONS_MIN = 2;
const OPTIONS_MAX = 6;

/** 实施进展: a note and photos, written to the process record. */
export function ProgressForm({ proposalId, onDone }: { proposalId: string; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [ok, setOk] = useState(false);
  const { busy, error, setError, run } = useSubmit();

  const send = async () => {
    if (busy) return;
    if (note.trim().length < TEXT_MIN) return setError(new ApiError('INVALID_INPUT', '请写一写进展（至少两个字）'));
    if (uploading) return setError(new ApiError('INVALID_INPUT', '照片还在上传，请稍等'));
    const r = await run(() => api.proposal.progress({ proposalId, note: note.trim(), ...(photos.length ? { photos } : {}) }));
    if (!r) return;
    setNote('');
    setPhotos([]);
    setOk(true);
    onDone();
  };

  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>实施进展</Text>
      <TextArea
        short
        label='进展说明（会公开在过程记录里）'
        value={note}
        onChange={(v) => {
          setNote(v);
          setOk(false);
          setError(null);
        }}
        placeholder='写一写进展到哪一步了'
        maxlength={NOTE_MAX}
      />
      <PhotoPicker folder='fulfilments' label='现场照片' max={9} photos={photos} onChange={setPhotos} onBusy={setUploading} disabled={busy} />
      <ErrorNote error={error} prefix='没能记录：' />
      {ok ? (
        <OkNote>
          <Text>已记录进展，见下方过程记录。</Text>
        </OkNote>
      ) : null}
      <Button className='linli-button' type='primary' size='xlarge' block disabled={busy || uploading} onClick={() => void send()}>
        {busy ? '正在提交…' : '记录进展'}
      </Button>
    </View>
  );
}

/** 联审签署: which of 业委会 and 物业 have signed. */
export function JointReview({ signed }: { signed: readonly string[] }) {
  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>审核签署（业委会、物业联审）</Text>
      {(['committee', 'property'] as const).map((party) => (
        <Text key={party} className='linli-text proposal-detail-sign'>
          {party === 'committee' ? '业委会' : '物业'}：{signed.includes(party) ? '已签署同意' : '还没有签署'}
        </Text>
      ))}
      <Text className='linli-hint'>两方都签署同意后，交联席会议审定备案。</Text>
    </View>
  );
}

/** 四方立场: the latest official position of each party, and a form for those one speaks for. */
export function Positions({ proposalId, positions, speakAs, onDone }: { proposalId: string; positions: PositionView[]; speakAs: PositionParty[]; onDone: () => void }) {
  const [party, setParty] = useState<PositionParty | null>(null);
  const [text, setText] = useState('');
  const [ok, setOk] = useState<string | null>(null);
  const { busy, error, setError, run } = useSubmit();
  const chosen = party && speakAs.includes(party) ? party : speakAs.length === 1 ? speakAs[0] : null;

  const latest = (p: PositionParty) =>
    positions.filter((x) => x.party === p).reduce<PositionView | null>((best, x) => (!best || x.at >= best.at ? x : best), null);

  const send = async () => {
    if (busy) return;
    if (!chosen) return setError(new ApiError('INVALID_INPUT', '请选择以哪一方的身份发表'));
    if (text.trim().length < TEXT_MIN) return setError(new ApiError('INVALID_INPUT', '请写明立场（至少两个字）'));
    const r = await run(() => api.proposal.position({ proposalId, party: chosen, text: text.trim() }));
    if (!r) return;
    setText('');
    setOk(`已以${POSITION_LABELS[chosen]}的身份发表立场。`);
    onDone();
  };

  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>四方立场</Text>
      <Text className='linli-hint proposal-detail-hint'>党支部、业委会、物业和居民代表各自的正式意见，与评论分开，记入过程记录。</Text>
      {POSITION_PARTIES.map((p) => {
        const x = latest(p);
        return (
          <View key={p} className='linli-row'>
            <Text className='linli-row-title'>{POSITION_LABELS[p]}</Text>
            {x ? (
              <View>
                <Text className='linli-text proposal-detail-prose' userSelect>
                  {x.text}
                </Text>
                <Text className='linli-text-2'>
                  {x.byName} · {formatDay(x.at, true)}
                </Text>
              </View>
            ) : (
              <Text className='linli-text-2'>还没有发表立场</Text>
            )}
          </View>
        );
      })}

      {speakAs.length ? (
        <View className='proposal-detail-form'>
          {speakAs.length > 1 ? (
            <View>
              <Text className='linli-label'>以哪一方的身份发表</Text>
              <View className='linli-choices proposal-choices'>
                {speakAs.map((p) => (
                  <ChoiceButton
                    key={p}
                    selected={chosen === p}
                    onClick={() => {
                      setParty(p);
                      setError(null);
                    }}
                  >
                    {POSITION_LABELS[p]}
                  </ChoiceButton>
                ))}
              </View>
            </View>
          ) : null}
          <TextArea
            short
            label={chosen ? `${POSITION_LABELS[chosen]}的立场` : '立场'}
            value={text}
            onChange={(v) => {
              setText(v);
              setOk(null);
              setError(null);
            }}
            placeholder='写明本方的立场和理由'
            maxlength={POSITION_MAX}
          />
          <ErrorNote error={error} prefix='没能发表：' />
          {ok ? (
            <OkNote>
              <Text>{ok}</Text>
            </OkNote>
          ) : null}
          <Button className='linli-button' type='primary' size='xlarge' block disabled={busy} onClick={() => void send()}>
            {busy ? '正在提交…' : '发表立场'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** 征求意见: the question and the counts (每户一票), answering, or a form to start one. */
export function Poll({
  proposalId,
  poll,
  canAnswer,
  canAttach,
  onDone,
}: {
  proposalId: string;
  poll: PollView | null;
  canAnswer: boolean;
  canAttach: boolean;
  onDone: () => void;
}) {
  if (poll) return <PollResult proposalId={proposalId} poll={poll} canAnswer={canAnswer} onDone={onDone} />;
  if (canAttach) return <PollForm proposalId={proposalId} onDone={onDone} />;
  return null;
}

function PollResult({ proposalId, poll, canAnswer, onDone }: { proposalId: string; poll: PollView; canAnswer: boolean; onDone: () => void }) {
  const [choice, setChoice] = useState<string | null>(null);
  const [ok, setOk] = useState(false);
  const { busy, error, setError, run } = useSubmit();
  const chosen = choice ?? poll.mine;

  const send = async () => {
    if (busy) return;
    if (!chosen) return setError(new ApiError('INVALID_INPUT', '请先选一个意见'));
    const r = await run(() => api.proposal.answerPoll({ proposalId, option: chosen }));
    if (!r) return;
    setOk(true);
    setChoice(null);
    onDone();
  };

  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>征求意见（每户一票）</Text>
      <Text className='linli-text proposal-detail-question'>{poll.question}</Text>
      <Text className='linli-text-2'>{poll.open ? '正在征求意见，可以改，以最后一次为准。' : '征求意见已结束。'}</Text>
      {poll.options.map((o) => (
        <View key={o} className='linli-row proposal-detail-count'>
          <Text className='linli-text'>
            {o}：{poll.counts[o] ?? 0} 户{poll.mine === o ? '（您家选的）' : ''}
          </Text>
        </View>
      ))}
      <Text className='linli-text proposal-detail-total'>共 {poll.total} 户回答</Text>
      <Text className='linli-text-2'>{poll.mine ? `您家的意见：${poll.mine}` : '您家还没有回答。'}</Text>

      {canAnswer && poll.open ? (
        <View className='proposal-detail-form'>
          <Text className='linli-label'>您家的意见</Text>
          <View className='linli-choices proposal-choices'>
            {poll.options.map((o) => (
              <ChoiceButton
                key={o}
                selected={chosen === o}
                onClick={() => {
                  setChoice(o);
                  setOk(false);
                  setError(null);
                }}
              >
                {o}
              </ChoiceButton>
            ))}
          </View>
          <ErrorNote error={error} prefix='没能提交：' />
          {ok ? (
            <OkNote>
              <Text>已提交您家的意见。</Text>
            </OkNote>
          ) : null}
          <Button className='linli-button' type='primary' size='xlarge' block disabled={busy} onClick={() => void send()}>
            {busy ? '正在提交…' : '提交意见'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}

function PollForm({ proposalId, onDone }: { proposalId: string; onDone: () => void }) {
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState<string[]>(['', '']);
  const { busy, error, setError, run } = useSubmit();

  const setOption = (i: number, v: string) => {
    setOptions(options.map((o, j) => (j === i ? v : o)));
    setError(null);
  };

  const send = async () => {
    if (busy) return;
    const q = question.trim();
    const opts = options.map((o) => o.trim()).filter(Boolean);
    if (q.length < QUESTION_MIN) return setError(new ApiError('INVALID_INPUT', `请写明要征求意见的问题（至少 ${QUESTION_MIN} 个字）`));
    if (opts.length < OPTIONS_MIN) return setError(new ApiError('INVALID_INPUT', `请至少填 ${OPTIONS_MIN} 个选项`));
    if (new Set(opts).size !== opts.length) return setError(new ApiError('INVALID_INPUT', '选项不能重复'));
    const r = await run(() => api.proposal.attachPoll({ proposalId, question: q, options: opts }));
    if (r) onDone();
  };

  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>征求意见</Text>
      <Text className='linli-hint proposal-detail-hint'>向本小区居民征求意见，每户一票，结果按户数显示，不作决定。</Text>
      <TextField
        label='问题'
        value={question}
        onChange={(v) => {
          setQuestion(v);
          setError(null);
        }}
        placeholder='例如：您是否赞成这个方案？'
        maxlength={QUESTION_MAX}
      />
      {options.map((o, i) => (
        <View key={i}>
          <TextField label={`选项 ${i + 1}`} value={o} onChange={(v) => setOption(i, v)} placeholder={i === 0 ? '例如：赞成' : i === 1 ? '例如：不赞成' : '写一个选项'} maxlength={OPTION_MAX} />
          {options.length > OPTIONS_MIN ? (
            <Button className='linli-button' size='xlarge' block disabled={busy} onClick={() => setOptions(options.filter((_, j) => j !== i))}>
              删除选项 {i + 1}
            </Button>
          ) : null}
        </View>
      ))}
      {options.length < OPTIONS_MAX ? (
        <Button className='linli-button' size='xlarge' block disabled={busy} onClick={() => setOptions([...options, ''])}>
          再加一个选项
        </Button>
      ) : null}
      <ErrorNote error={error} prefix='没能发起：' />
      <Button className='linli-button' type='primary' size='xlarge' block disabled={busy} onClick={() => void send()}>
        {busy ? '正在提交…' : '发起征求意见'}
      </Button>
    </View>
  );
}

/** 评论: the latest first, more on demand, and a box for verified people. */
export function Comments({ proposalId, initial, canComment }: { proposalId: string; initial: CommentView[]; canComment: boolean }) {
  const list = usePagedList((cursor) => api.proposal.comments({ proposalId, cursor }), [proposalId]);
  useDidShow(() => void list.reload());
  const [text, setText] = useState('');
  const [ok, setOk] = useState(false);
  const { busy, error, setError, run } = useSubmit();
  const items = list.loaded ? list.items : initial;

  const send = async () => {
    if (busy) return;
    if (text.trim().length < TEXT_MIN) return setError(new ApiError('INVALID_INPUT', '请写下您的评论（至少两个字）'));
    const r = await run(() => api.proposal.comment({ proposalId, text: text.trim() }));
    if (!r) return;
    setText('');
    setOk(true);
    void list.reload();
  };

  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>评论（最新的在前）</Text>
      {canComment ? (
        <View className='proposal-detail-form proposal-detail-form--top'>
          <TextArea
            short
            label='我的评论'
            value={text}
            onChange={(v) => {
              setText(v);
              setOk(false);
              setError(null);
            }}
            placeholder='说说您的看法'
            maxlength={COMMENT_MAX}
          />
          <ErrorNote error={error} prefix={error?.code === 'CONTENT_REJECTED' ? undefined : '没能发表：'} />
          {ok ? (
            <OkNote>
              <Text>评论已发表。</Text>
            </OkNote>
          ) : null}
          <Button className='linli-button' type='primary' size='xlarge' block disabled={busy} onClick={() => void send()}>
            {busy ? '正在提交…' : '发表评论'}
          </Button>
        </View>
      ) : null}
      <ErrorNote error={list.error} prefix='没能列出评论：' />
      {items.length === 0 && (list.loaded || !list.loading) ? <Text className='linli-text-2'>还没有评论。</Text> : null}
      {items.map((c) => (
        <View key={c.id} className='linli-row'>
          <Text className='linli-text proposal-detail-prose' userSelect>
            {c.text}
          </Text>
          <Text className='linli-text-2'>
            {c.byName}
            {c.byLabel ? ` · ${c.byLabel}` : ''} · {formatDay(c.at, true)}
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
