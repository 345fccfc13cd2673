import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ApiError, api } from '../../api/client';
import type { ProposalMove, ProposalView } from '../../core/proposal/api';
import { MATTERS, PROPOSAL_STATUS_LABELS, type MatterCode, type ProposalAction, type ProposalParty } from '../../core/proposal/types';
import { useSubmit } from '../../hooks/useSubmit';
import ChoiceButton from '../../components/ChoiceButton';
import TextArea from '../../components/TextArea';
import ActionButtons, { ActionNotes, ConfirmButtons } from '../../components/ActionButtons';
import { PhotoPicker } from '../../components/WishParts';
import { formatDay, matterText, partyLabel } from '../../components/ProposalParts';

const OPINION_MIN = 2;
const OPINION_MAX = 500;
const OUTCOME_MAX = 1000;
const MAX_PHOTOS = 9;
const DAY_MS = 24 * 60 * 60 * 1000;

type Reviewer = 'branch' | 'committee' | 'property' | 'community';

/** The button of each action; approve says in which capacity one signs. */
const ACTION_TEXT: Record<ProposalAction, string> = {
  submit: '提交议题',
  accept: '受理',
  approve: '同意',
  reject: '不通过',
  returnForRevision: '退回修改',
  withdraw: '撤回议题',
  openVote: '开始表决',
  closeVote: '结束表决并计票',
  implement: '开始实施',
  complete: '实施完成',
};
const APPROVE_TEXT: Partial<Record<ProposalParty, string>> = {
  branch: '初审通过',
  committee: '以业委会身份同意',
  property: '以物业身份同意',
  community: '审定备案',
};
/** The order the buttons come in: going forward first, sending back and stopping last. */
const ORDER: ProposalAction[] = ['submit', 'accept', 'approve', 'openVote', 'closeVote', 'implement', 'complete', 'returnForRevision', 'reject', 'withdraw'];
const PRIMARY: readonly ProposalAction[] = ['submit', 'accept', 'approve', 'openVote', 'closeVote', 'implement', 'complete'];
/** These act at once; the others open a form first. */
const IMMEDIATE: readonly ProposalAction[] = ['submit', 'openVote', 'closeVote'];
/** A written opinion is needed for these. */
const OPINION_NEEDED: readonly ProposalAction[] = ['approve', 'reject', 'returnForRevision', 'withdraw'];

/** The opinion each form asks for (the community's approval has a form of its own). */
const OPINION_FORMS: Partial<Record<ProposalAction, { label: string; placeholder: string; max?: number }>> = {
  accept: { label: '受理意见（可不填，会公开在过程记录里）', placeholder: '请写明审核意见' },
  approve: { label: '审核意见（必填，会公开在过程记录里）', placeholder: '请写明审核意见' },
  reject: { label: '不通过的理由（必填，作者和居民都会看到）', placeholder: '请写明审核意见' },
  returnForRevision: { label: '要修改什么（必填，作者会按此修改）', placeholder: '请写明审核意见' },
  withdraw: { label: '撤回原因（必填，会公开在过程记录里）', placeholder: '请写明审核意见' },
  implement: { label: '说明（可不填）', placeholder: '例如：施工单位、开工日期' },
  complete: { label: '实施结果（必填，会作为结果公告公开发布）', placeholder: '实施结果', max: OUTCOME_MAX },
};

/** How long it is public before the vote: 立即 (one minute from now), or so many days. */
const PUBLICITY_DAYS = [0, 3, 7] as const;
type PublicityDays = (typeof PUBLICITY_DAYS)[number];
const VOTE_DAYS = [1, 3, 7, 14] as const;
type VoteDays = (typeof VOTE_DAYS)[number];

const sameMove = (a: ProposalMove | null, b: ProposalMove) => !!a && a.action === b.action && a.as === b.as;

/** The words on a move's button; with the role when the same action is offered in two. */
export function moveText(m: ProposalMove, moves: readonly ProposalMove[]): string {
  if (m.action === 'approve') return APPROVE_TEXT[m.as] ?? `同意（${partyLabel(m.as)}）`;
  const twice = moves.filter((x) => x.action === m.action).length > 1;
  return twice ? `${ACTION_TEXT[m.action]}（${partyLabel(m.as)}）` : ACTION_TEXT[m.action];
}

/** What a successful action did, in words. */
function doneText(m: ProposalMove, p: ProposalView): string {
  const now = `议题现在：${PROPOSAL_STATUS_LABELS[p.status] ?? p.status}。`;
  switch (m.action) {
    case 'submit':
      return `已提交议题，等待党支部受理。${now}`;
    case 'accept':
      return `已受理。${now}`;
    case 'approve':
      if (p.status === 'jointReview' && p.signed.includes(m.as)) return `已以${partyLabel(m.as)}身份签署同意，还要等另一方签署。`;
      if (m.as === 'community') return `已审定备案。${now}`;
      return `已签署同意。${now}`;
    case 'reject':
      return `已签署不通过，作者会看到您的意见。${now}`;
    case 'returnForRevision':
      return `已退回修改，作者会看到您的意见。${now}`;
    case 'withdraw':
      return `已撤回议题。${now}`;
    case 'openVote':
      return `表决已开始。${now}`;
    case 'closeVote':
      return `表决已结束并计票，决议已公布。${now}`;
    case 'implement':
      return `已开始实施。${now}`;
    case 'complete':
      return `已记录实施完成，结果会公开发布。${now}`;
    default:
      return now;
  }
}

interface Props {
  proposal: ProposalView;
  done: string | null;
  onStart: () => void;
  onDone: (message: string) => void;
  onRefresh: () => void;
}

/** One button per move the server lists for the caller; review steps open a form in place. */
export default function Actions({ proposal: p, done, onStart, onDone, onRefresh }: Props) {
  const [form, setForm] = useState<ProposalMove | null>(null);
  const [running, setRunning] = useState<ProposalMove | null>(null);
  const [opinion, setOpinion] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [matter, setMatter] = useState<MatterCode>(p.matter);
  const [publicity, setPublicity] = useState<PublicityDays>(7);
  const [duration, setDuration] = useState<VoteDays>(7);
  const { busy, error, setError, run } = useSubmit();

  const moves = [...p.moves].sort((a, b) => ORDER.indexOf(a.action) - ORDER.indexOf(b.action));
  // A form whose move the proposal no longer offers (it changed meanwhile) is closed.
  const open = form && moves.some((m) => sameMove(form, m)) ? form : null;
  if (moves.length === 0 && !p.editable && !done && !error) return null;

  const close = () => {
    setForm(null);
    setError(null);
  };

  const start = (m: ProposalMove) => {
    if (busy) return;
    onStart();
    setError(null);
    if (IMMEDIATE.includes(m.action)) {
      void act(m);
      return;
    }
    setOpinion('');
    setPhotos([]);
    setMatter(p.matter);
    setForm(m);
  };

  const windowOf = () => {
    const startsAt = publicity === 0 ? Date.now() : Date.now() + publicity * DAY_MS;
    return { startsAt, endsAt: startsAt + duration * DAY_MS };
  };

  const act = async (m: ProposalMove) => {
    if (busy) return;
    const text = opinion.trim();
    if (OPINION_NEEDED.includes(m.action) && text.length < OPINION_MIN) {
      setError(new ApiError('INVALID_INPUT', m.action === 'withdraw' ? '请写明撤回原因（至少两个字）' : '请写明审核意见（至少两个字），会公开在过程记录里'));
      return;
    }
    if (m.action === 'complete') {
      if (text.length < OPINION_MIN) {
        setError(new ApiError('INVALID_INPUT', '请写明实施结果（至少两个字），会公开发布'));
        return;
      }
      if (uploading) {
        setError(new ApiError('INVALID_INPUT', '照片还在上传，请稍等'));
        return;
      }
    }
    onStart();
    setRunning(m);
    const proposalId = p.id;
    const as = m.as as Reviewer;
    const result = await run(async () => {
      switch (m.action) {
        case 'submit':
          return api.proposal.submit({ proposalId });
        case 'accept':
          return api.proposal.accept({ proposalId, as, ...(text ? { opinion: text } : {}) });
        case 'approve':
          return api.proposal.approve({ proposalId, as, opinion: text, ...(as === 'community' ? { decision: { matter, ...windowOf() } } : {}) });
        case 'reject':
          return api.proposal.reject({ proposalId, as, opinion: text });
        case 'returnForRevision':
          return api.proposal.returnForRevision({ proposalId, as, opinion: text });
        case 'withdraw':
          return api.proposal.withdraw({ proposalId, reason: text });
        case 'openVote':
          return api.proposal.openVote({ proposalId });
        case 'closeVote':
          return api.proposal.closeVote({ proposalId });
        case 'implement':
          return api.proposal.implement({ proposalId, ...(text ? { note: text } : {}) });
        case 'complete':
          return api.proposal.complete({ proposalId, outcome: text, ...(photos.length ? { photos } : {}) });
        default:
          throw new ApiError('INVALID_INPUT', '这个操作不能在这里进行');
      }
    });
    setRunning(null);
    if (!result) return;
    setForm(null);
    setOpinion('');
    setPhotos([]);
    onDone(doneText(m, result));
  };

  const refresh = () => {
    setError(null);
    setForm(null);
    onRefresh();
  };

  const opinionBox = (label: string, placeholder: string, max = OPINION_MAX) => (
    <TextArea
      label={label}
      short
      value={opinion}
      placeholder={placeholder}
      maxlength={max}
      onChange={(v) => {
        setOpinion(v);
        setError(null);
      }}
    />
  );

  const confirmButtons = (m: ProposalMove, confirmText = '确认') => (
    <ConfirmButtons busy={busy} waiting={uploading} confirmText={confirmText} onConfirm={() => void act(m)} cancelText='取消' onCancel={close} />
  );

  const renderForm = (m: ProposalMove) => {
    if (m.action === 'approve' && m.as === 'community') return meetingForm(m);
    const words = OPINION_FORMS[m.action];
    if (!words) return null;
    return (
      <View>
        <Text className='linli-section-title'>{moveText(m, moves)}</Text>
        {opinionBox(words.label, words.placeholder, words.max)}
        {m.action === 'complete' ? (
          <PhotoPicker folder='fulfilments' label='完成照片' max={MAX_PHOTOS} photos={photos} onChange={setPhotos} onBusy={setUploading} disabled={busy} />
        ) : null}
        {confirmButtons(m)}
      </View>
    );
  };

  /** 联席会议审定备案: the opinion, and how and when it is decided. */
  const meetingForm = (m: ProposalMove) => {
    const { startsAt, endsAt } = windowOf();
    return (
      <View>
        <Text className='linli-section-title'>审定备案</Text>
        {opinionBox('审定意见（必填，会公开在过程记录里）', '请写明审核意见')}
        <Text className='linli-label proposal-detail-gap'>表决方式（事项类别）</Text>
        <Text className='linli-hint proposal-detail-hint'>第6–8项要四分之三以上同意，其他各项过半数同意；日常事务由业委会表决；征求意见不作决定。</Text>
        <View className='linli-choices proposal-choices proposal-column'>
          {MATTERS.map((c) => (
            <ChoiceButton key={c} selected={matter === c} onClick={() => setMatter(c)}>
              {matterText(c)}
            </ChoiceButton>
          ))}
        </View>
        <Text className='linli-label proposal-detail-gap'>公示期</Text>
        <View className='linli-choices proposal-choices'>
          {PUBLICITY_DAYS.map((d) => (
            <ChoiceButton key={d} selected={publicity === d} onClick={() => setPublicity(d)}>
              {d === 0 ? '立即开始表决' : `公示${d}天后`}
            </ChoiceButton>
          ))}
        </View>
        <Text className='linli-label proposal-detail-gap'>表决时长</Text>
        <View className='linli-choices proposal-choices'>
          {VOTE_DAYS.map((d) => (
            <ChoiceButton key={d} selected={duration === d} onClick={() => setDuration(d)}>
              {`${d}天`}
            </ChoiceButton>
          ))}
        </View>
        <Text className='linli-text proposal-detail-window'>
          表决时间：{formatDay(startsAt, true)} 至 {formatDay(endsAt, true)}
        </Text>
        {confirmButtons(m, '确认审定')}
      </View>
    );
  };

  return (
    <View className='linli-card proposal-detail-actions'>
      <ActionNotes done={done} error={error} item='议题' onRefresh={refresh} />

      {open ? renderForm(open) : null}

      {!open ? (
        <ActionButtons
          busy={busy}
          buttons={[
            ...(p.editable ? [{ key: 'edit', text: '修改议题', onClick: () => void Taro.navigateTo({ url: `/pages/proposal-edit/index?id=${encodeURIComponent(p.id)}` }) }] : []),
            ...moves.map((m) => ({
              key: `${m.action}-${m.as}`,
              text: moveText(m, moves),
              primary: PRIMARY.includes(m.action),
              running: sameMove(running, m),
              onClick: () => start(m),
            })),
          ]}
        />
      ) : null}
    </View>
  );
}
